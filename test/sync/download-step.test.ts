import { describe, expect, it } from 'vitest';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { syncDetails, syncStatus } from '../../electron/core/sync/sync-status.js';
import { at, sec, type TestAuthority } from '../support/fixtures.js';
import { FakeHub } from './support/fake-hub.js';
import { enrol, syncTerminal, useSyncEnv } from './support/sync-fixtures.js';
import { listSeq } from '../support/stores.js';

const revocations = (authority: TestAuthority, seq: number, base: number, subs: string[], iatIso = '2026-06-01T09:30:00+08:00') =>
  authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq, base, iat: sec(iatIso), revoked: subs.map((sub) => ({ sub, reason: 'lost' })) });

describe('downloadChanges', () => {
  const env = useSyncEnv({ enrolAs: 'T1' });

  const cinema = (terminal = env.t1.terminal) =>
    terminal.decide({ token: env.authority.card(), service: 'cinema', atMs: at('2026-06-01T10:00:00+08:00'), companions: {} }).decision;

  it('asks for what changed since the sequences and versions it holds', async () => {
    await runSyncRound(env.t1.terminal);
    expect(env.hub.bundleQueries.at(-1)).toEqual({ revocations: 'lc-hrss:1,sd-hrss:1', rules: '0', trust: '0' });
  });

  it('applies a revocation published at the hub, and the card is rejected here', async () => {
    expect(cinema().decision).toBe('accept');
    env.hub.bundles = () => [revocations(env.authority, 2, 1, ['LC-A-000123'])];
    const report = await runSyncRound(env.t1.terminal);
    expect(report.state).toBe('idle');
    expect(report.download?.imported).toEqual([{ kind: 'revocations', iss: 'lc-hrss', seq: 2, base: 1, added: 1 }]);
    expect(cinema()).toMatchObject({ decision: 'reject', reasons: ['REVOKED'] });
  });

  it('refuses a tampered bundle, keeps the old state and says so in the sync state', async () => {
    const good = revocations(env.authority, 2, 1, ['LC-A-000123']);
    const [h, p, s] = good.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, revoked: [] })).toString('base64url')}.${s}`;
    env.hub.bundles = () => [tampered];
    const report = await runSyncRound(env.t1.terminal);
    expect(report.state).toBe('error');
    expect(report.download?.refused.map((r) => r.code)).toEqual(['BAD_SIGNATURE']);
    expect(listSeq(env.t1.terminal, 'lc-hrss')).toBe(1);
    expect(syncStatus(env.t1.terminal)).toMatchObject({ state: 'error', notices: [{ code: 'BUNDLES_REFUSED', total: 1, bundles: [{ code: 'BAD_SIGNATURE' }] }] });
    expect(cinema().decision).toBe('accept');
  });

  it('refuses a replayed and an out-of-order delta and keeps the list it holds', async () => {
    env.hub.bundles = () => [revocations(env.authority, 2, 1, ['LC-A-000999'])];
    await runSyncRound(env.t1.terminal);
    env.hub.bundles = () => [revocations(env.authority, 2, 1, ['LC-A-000123']), revocations(env.authority, 5, 4, ['LC-A-000123'])];
    const report = await runSyncRound(env.t1.terminal);
    expect(report.download?.refused.map((r) => r.code)).toEqual(['REPLAY', 'GAP']);
    expect(listSeq(env.t1.terminal, 'lc-hrss')).toBe(2);
    expect(cinema().decision).toBe('accept');
    // A good bundle afterwards clears the error.
    env.hub.bundles = () => [revocations(env.authority, 3, 2, [])];
    expect((await runSyncRound(env.t1.terminal)).state).toBe('idle');
    expect(syncStatus(env.t1.terminal).notices).toEqual([]);
  });

  it('warns when this terminal clock is far from the hub clock, and measures list age in hub time', async () => {
    const skewed = new FakeHub(() => env.clock.now + 20 * 60_000);
    await skewed.start();
    try {
      const t2 = syncTerminal(env.authority, env.clock);
      try {
        await enrol(t2.terminal, skewed.url, 'T2', 'ENROL-CODE-1');
        const report = await runSyncRound(t2.terminal);
        expect(report.state).toBe('idle');
        expect(report.clockSkewMs).toBeGreaterThan(19 * 60_000);
        expect(report.notices).toEqual([{ code: 'CLOCK_SKEW', minutes: 20, direction: 'behind' }]);
        const details = syncDetails(t2.terminal);
        expect(details.view.notices).toEqual(report.notices);
        expect(details.hubClock?.warning).toEqual({ code: 'CLOCK_SKEW', minutes: 20, direction: 'behind' });
        // Lists were issued at 09:00; the hub's clock says 10:20.
        expect(details.lists.find((l) => l.iss === 'lc-hrss')?.ageHours).toBeCloseTo(80 / 60, 1);
      } finally {
        t2.cleanup();
      }
    } finally {
      await skewed.stop();
    }
  });

  it('stays quiet about a clock within five minutes of the hub', async () => {
    const report = await runSyncRound(env.t1.terminal);
    expect(report.notices).toEqual([]);
    expect(report.clockSkewMs).toBe(0);
  });
});
