import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleRefusal } from '../../../hub/console/console-route.js';
import { changeKeepingAnAdmin } from '../../../hub/console/staff-routes.js';
import type { HubStore } from '../../../hub/store/hub-store.js';
import { openPostgresHubStore } from '../../../hub/store/postgres/pg-hub-store.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';
import { testHub } from '../hub-fixtures.js';

const T0 = Date.UTC(2026, 5, 1, 2, 0, 0);

/** Resolves once both sides arrived, or after `ms` (a side held elsewhere must not hang the other). */
function meeting(ms: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const both = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    arrived += 1;
    if (arrived === 2) open();
    await Promise.race([both, new Promise((resolve) => setTimeout(resolve, ms))]);
  };
}

/**
 * Two admins demote (or disable) each other at the same moment, each in its own unit, both units
 * past their change before either counts the admins left: at READ COMMITTED each would count the
 * other as still active and both would commit, leaving the console with no admin. PostgreSQL's
 * SERIALIZABLE units retry the second, whose count then finds none; SQLite runs one at a time.
 */
async function eachDemotesTheOther(store: HubStore, how: 'role' | 'disable'): Promise<{ refused: number; admins: number }> {
  const meet = meeting(1_500);
  const demote = (other: string) =>
    store
      .transaction((tx) =>
        changeKeepingAnAdmin(tx, async () => {
          if (how === 'role') await tx.staff.setRole(other, 'officer');
          else await tx.staff.setDisabled(other, T0);
          await meet();
        }),
      )
      .then(
        () => 0,
        (error: unknown) => {
          if (error instanceof ConsoleRefusal && error.code === 'LAST_ADMIN') return 1;
          throw error;
        },
      );
  const refusals = await Promise.all([demote('wang'), demote('zhao')]);
  return { refused: refusals.reduce((a, b) => a + b, 0), admins: await store.staff.activeAdmins() };
}

async function twoAdmins(store: HubStore): Promise<void> {
  await store.staff.add({ id: 'wang', name: '王芳', role: 'admin', passwordHash: 'h1', createdMs: T0 });
  await store.staff.add({ id: 'zhao', name: '赵强', role: 'admin', passwordHash: 'h2', createdMs: T0 });
}

describe('the last admin, when two admins demote each other at once', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  for (const how of ['role', 'disable'] as const) {
    it(`PostgreSQL: one of the two ${how} changes is refused LAST_ADMIN and one admin is left`, async () => {
      const store = await openPostgresHubStore(await cluster.createDatabase({ name: `admins_${how}` }), { create: true });
      try {
        await twoAdmins(store);
        expect(await eachDemotesTheOther(store, how)).toEqual({ refused: 1, admins: 1 });
      } finally {
        await store.close();
      }
    });
  }

  it('SQLite: the same', async () => {
    const { hub, cleanup } = await testHub();
    try {
      await twoAdmins(hub.store);
      expect(await eachDemotesTheOther(hub.store, 'role')).toEqual({ refused: 1, admins: 1 });
    } finally {
      await cleanup();
    }
  });
});
