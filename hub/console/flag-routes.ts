import type { FastifyInstance } from 'fastify';
import { flagIdParamsSchema, flagsQuerySchema, resolveFlagRequestSchema, USAGE_PATHS, type FlagView } from '../../shared/console/usage-api.js';
import type { StoredFlag } from '../store/hub-store.js';
import { ConsoleRefusal, consoleRoute, type ConsoleContext } from './console-route.js';
import { withholdLongNumbers } from '../../shared/privacy/long-numbers.js';

/**
 * A flag as the console shows it: the card number at most, never a name or ID number. The hub's
 * detail can quote what a terminal sent (a key of a use body it could not read) and a note is
 * typed by staff, so a long run of digits in either is withheld.
 */
export const flagView = (f: StoredFlag): FlagView => ({
  id: f.id,
  kind: f.kind,
  terminalId: f.terminalId,
  iss: f.iss ?? null,
  card: f.sub ?? null,
  useId: f.useId ?? null,
  auditSeq: f.auditSeq ?? null,
  at: f.atMs ?? null,
  flaggedAt: f.createdMs,
  detail: withholdLongNumbers(f.detail),
  resolvedAt: f.resolvedMs ?? null,
  resolvedBy: f.resolvedBy ?? null,
  note: f.resolutionNote == null ? null : withholdLongNumbers(f.resolutionNote),
});

/** Flags: the list (every role) and resolve-with-a-note (admin, officer). */
export function registerFlagRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  consoleRoute(app, ctx, {
    method: 'GET',
    path: USAGE_PATHS.flags,
    action: 'flag.list',
    roles: ['admin', 'officer', 'auditor'],
    query: flagsQuerySchema,
    handle: async ({ tx, query }) => {
      const flags = await tx.flags.list({
        limit: query.limit ?? 100,
        state: query.state ?? 'open',
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        ...(query.before === undefined ? {} : { before: query.before }),
      });
      return { body: { flags: flags.map(flagView), openByKind: await tx.flags.openCounts() } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/flags/:id/resolve',
    action: 'flag.resolve',
    roles: ['admin', 'officer'],
    params: flagIdParamsSchema,
    body: resolveFlagRequestSchema,
    targetOf: (p) => String(p.id),
    handle: async ({ tx, params, body, staff }) => {
      const outcome = await tx.flags.resolve(params.id, { staffId: staff.id, note: withholdLongNumbers(body.note), atMs: ctx.hub.now() });
      if (outcome === 'unknown') throw new ConsoleRefusal(404, 'NOT_FOUND', `no flag ${params.id}`);
      if (outcome === 'resolved') throw new ConsoleRefusal(409, 'ALREADY_RESOLVED', `flag ${params.id} is resolved already`);
      const stored = await tx.flags.get(params.id);
      if (stored === undefined) throw new ConsoleRefusal(404, 'NOT_FOUND', `no flag ${params.id}`);
      return { body: flagView(stored) };
    },
  });
}
