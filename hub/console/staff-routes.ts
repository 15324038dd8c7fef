import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  addStaffRequestSchema,
  changeRoleRequestSchema,
  disableStaffRequestSchema,
  resetPasswordRequestSchema,
  staffIdSchema,
  totpRolesRequestSchema,
  type StaffView,
} from '../../shared/console/console-api.js';
import type { HubRepos, StoredStaff } from '../store/hub-store.js';
import { ConsoleRefusal, consoleRoute, type ConsoleContext } from './console-route.js';
import { hashPassword } from './password.js';
import { setTotpRoles, totpRoles } from './staff-sign-in.js';

const idParams = z.strictObject({ id: staffIdSchema });
const byId = (p: { id: string }): string => p.id;

const view = (s: StoredStaff, lockedUntil: number): StaffView => ({
  id: s.id,
  name: s.name,
  role: s.role,
  disabled: s.disabledMs !== null,
  totp: s.totpSealed !== null,
  lockedUntil: lockedUntil === 0 ? null : lockedUntil,
  createdAt: s.createdMs,
});

/** The account or a 404 refusal. */
async function existing(tx: HubRepos, id: string): Promise<StoredStaff> {
  const staff = await tx.staff.get(id);
  if (staff === undefined) throw new ConsoleRefusal(404, 'NOT_FOUND', `no staff account ${id}`);
  return staff;
}

/**
 * Runs `change` (a new role, disabling) in the unit `tx`, then undoes the unit (the refusal rolls
 * it back) if no admin able to sign in is left. Two admins demoting each other at once cannot both
 * commit: SQLite runs one unit at a time, and PostgreSQL's units are SERIALIZABLE, so the second
 * to commit is retried and then counts none left (test/hub/console/staff-last-admin.test.ts).
 */
export async function changeKeepingAnAdmin(tx: HubRepos, change: () => Promise<void>): Promise<void> {
  await change();
  if ((await tx.staff.activeAdmins()) === 0) throw new ConsoleRefusal(409, 'LAST_ADMIN', 'the console must keep at least one active admin');
}

/** Staff accounts (admin only): list, add, reset a password, change a role, disable, reset TOTP, the roles that need TOTP. */
export function registerStaffRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { hub } = ctx;

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/staff',
    action: 'staff.list',
    roles: ['admin'],
    handle: async ({ tx }) => {
      const now = hub.now();
      const staff = await tx.staff.list();
      const views = await Promise.all(staff.map(async (s) => view(s, await tx.staff.lockedUntil(s.id, now))));
      return { body: { staff: views, totpRoles: await totpRoles(tx) } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/staff',
    action: 'staff.add',
    roles: ['admin'],
    body: addStaffRequestSchema,
    prepare: (body) => hashPassword(body.password),
    handle: async ({ tx, body, prepared }) => {
      const staff = { id: body.id, name: body.name, role: body.role, passwordHash: prepared, createdMs: hub.now() };
      if (!(await tx.staff.add(staff))) throw new ConsoleRefusal(409, 'EXISTS', `staff id ${body.id} is taken`);
      return { status: 201, body: view({ ...staff, disabledMs: null, totpSealed: null, totpPendingSealed: null, totpLastStep: 0 }, 0), target: body.id, outcome: `ok:${body.role}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/staff/:id/password',
    action: 'staff.reset-password',
    roles: ['admin'],
    params: idParams,
    targetOf: byId,
    body: resetPasswordRequestSchema,
    prepare: (body) => hashPassword(body.password),
    handle: async ({ tx, params, prepared }) => {
      await existing(tx, params.id);
      await tx.staff.setPassword(params.id, prepared);
      // Whoever held the old password is signed out everywhere.
      await tx.staffSessions.endAllOf(params.id);
      return { body: { ok: true } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/staff/:id/role',
    action: 'staff.role',
    roles: ['admin'],
    params: idParams,
    targetOf: byId,
    body: changeRoleRequestSchema,
    handle: async ({ tx, params, body }) => {
      const before = await existing(tx, params.id);
      await changeKeepingAnAdmin(tx, () => tx.staff.setRole(params.id, body.role).then(() => undefined));
      await tx.staffSessions.endAllOf(params.id);
      return { body: { ok: true }, outcome: `ok:${before.role}->${body.role}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/staff/:id/disabled',
    action: 'staff.disable',
    roles: ['admin'],
    params: idParams,
    targetOf: byId,
    body: disableStaffRequestSchema,
    handle: async ({ tx, params, body }) => {
      await existing(tx, params.id);
      await changeKeepingAnAdmin(tx, () => tx.staff.setDisabled(params.id, body.disabled ? hub.now() : null).then(() => undefined));
      if (body.disabled) await tx.staffSessions.endAllOf(params.id);
      return { body: { ok: true }, outcome: body.disabled ? 'ok:disabled' : 'ok:enabled' };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/staff/:id/totp-reset',
    action: 'staff.totp-reset',
    roles: ['admin'],
    params: idParams,
    targetOf: byId,
    handle: async ({ tx, params }) => {
      await existing(tx, params.id);
      await tx.staff.clearTotp(params.id);
      await tx.staffSessions.endAllOf(params.id);
      return { body: { ok: true } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/staff-totp-roles',
    action: 'staff.totp-roles',
    roles: ['admin'],
    body: totpRolesRequestSchema,
    handle: async ({ tx, body }) => {
      await setTotpRoles(tx, body.roles);
      return { body: { ok: true }, outcome: `ok:${[...new Set(body.roles)].sort().join(',') || 'none'}` };
    },
  });
}
