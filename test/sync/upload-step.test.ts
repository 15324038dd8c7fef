import { describe, expect, it } from 'vitest';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { syncDetails, syncStatus } from '../../electron/core/sync/sync-status.js';
import { dayN, useCinema, useSyncEnv } from './support/sync-fixtures.js';

describe('uploadPending', () => {
  const env = useSyncEnv({ enrolAs: 'T1' });

  it('uploads uses recorded offline exactly once after a restart and days offline', async () => {
    env.hub.down = true;
    for (let day = 0; day < 3; day += 1) expect(useCinema(env.t1.terminal, env.authority.card(), dayN(day)).decision).toBe('accept');
    const offline = await runSyncRound(env.t1.terminal);
    expect(offline.state).toBe('offline');
    expect(syncStatus(env.t1.terminal)).toMatchObject({ state: 'offline', pendingUploads: 3 });

    // A restart (the queue is the audit log in SQLite) and three days without the hub.
    const terminal = env.t1.reopen();
    env.clock.advance(3 * 86_400_000);
    expect(useCinema(terminal, env.authority.card(), dayN(3)).decision).toBe('accept');
    env.hub.down = false;
    const back = await runSyncRound(terminal);
    expect(back.state).toBe('idle');
    expect(env.hub.usesFrom('T1')).toHaveLength(4);
    expect(env.hub.terminals.get('T1')?.cursor).toBe(syncDetails(terminal).auditHead);
    expect(syncStatus(terminal)).toMatchObject({ state: 'idle', pendingUploads: 0, notices: [] });

    const again = await runSyncRound(terminal);
    expect(again.upload).toMatchObject({ batches: 0, accepted: 0 });
    expect(env.hub.usesFrom('T1')).toHaveLength(4);
  });

  it('sends a batch again after the connection was cut once the hub had committed it, and the hub counts it once', async () => {
    for (let day = 0; day < 2; day += 1) useCinema(env.t1.terminal, env.authority.card(), dayN(day));
    env.hub.cutAfterCommit = 1;
    const cut = await runSyncRound(env.t1.terminal);
    expect(cut.state).toBe('offline');
    expect(syncDetails(env.t1.terminal).uploadCursor).toBe(0);
    expect(env.hub.usesFrom('T1')).toHaveLength(2);

    const retried = await runSyncRound(env.t1.terminal);
    expect(retried.state).toBe('idle');
    expect(retried.upload).toMatchObject({ accepted: 0, duplicates: syncDetails(env.t1.terminal).auditHead });
    expect(env.hub.usesFrom('T1')).toHaveLength(2);
    expect(syncDetails(env.t1.terminal).uploadCursor).toBe(syncDetails(env.t1.terminal).auditHead);
  });

  it('splits a long queue into batches and acknowledges each', async () => {
    for (let day = 0; day < 5; day += 1) useCinema(env.t1.terminal, env.authority.card(), dayN(day));
    const head = syncDetails(env.t1.terminal).auditHead;
    const report = await runSyncRound(env.t1.terminal, { batchLimits: { maxEntries: 3, maxBytes: 1_000_000 } });
    expect(report.upload?.batches).toBe(Math.ceil(head / 3));
    expect(report.upload?.accepted).toBe(head);
    expect(env.hub.uploadRequests).toBe(Math.ceil(head / 3));
  });

  it('moves its cursor back when the hub has lost entries, so they are sent again', async () => {
    useCinema(env.t1.terminal, env.authority.card(), dayN(0));
    await runSyncRound(env.t1.terminal);
    const stored = env.hub.terminals.get('T1');
    if (stored === undefined) throw new Error('not enrolled');
    // The hub is restored from a backup taken before this terminal's upload.
    stored.entries.clear();
    stored.cursor = 0;
    env.hub.feed.length = 0;
    useCinema(env.t1.terminal, env.authority.card(), dayN(1));
    const report = await runSyncRound(env.t1.terminal);
    expect(report.state).toBe('idle');
    expect(stored.cursor).toBe(syncDetails(env.t1.terminal).auditHead);
    expect(env.hub.usesFrom('T1')).toHaveLength(2);
  });

  it('reports a terminal the hub disabled and keeps its queue', async () => {
    useCinema(env.t1.terminal, env.authority.card(), dayN(0));
    const t = env.hub.terminals.get('T1');
    if (t) t.disabled = true;
    const report = await runSyncRound(env.t1.terminal);
    expect(report.state).toBe('disabled');
    expect(syncStatus(env.t1.terminal)).toMatchObject({ state: 'disabled', pendingUploads: 1 });
    expect(env.hub.usesFrom('T1')).toHaveLength(0);
  });
});
