import { KeyObject } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { signEs256 } from '../../../node/crypto/jws-sign.js';
import { bodyHash } from '../../../electron/core/sync/terminal-signer.js';
import * as compactEs256 from '../../../node/crypto/es256-verify.js';
import { ReplayCache } from '../../../hub/terminals/replay-cache.js';
import { TerminalAuthenticator } from '../../../hub/terminals/terminal-auth.js';
import { cleanupAfterEach, enrol, testClock, testHub } from '../hub-fixtures.js';

vi.mock('../../../node/crypto/es256-verify.js', async (original) => {
  const real = await original<typeof compactEs256>();
  return { ...real, verifyCompactEs256: vi.fn(real.verifyCompactEs256) };
});

const QUOTA = { method: 'GET' as const, target: '/v1/quota?since=0' };
const line = { method: 'GET', url: '/v1/quota?since=0' };

describe('TerminalAuthenticator', () => {
  const later = cleanupAfterEach();
  const setup = async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const t1 = await enrol(made.hub, 'T1', 'S');
    const auth = new TerminalAuthenticator(made.hub);
    // The hub has been up a while: tokens made minutes ago are not "from before it started".
    clock.advance(600_000);
    return { hub: made.hub, clock, t1, auth };
  };

  it('accepts a fresh token of the enrolled key once, and refuses a disabled terminal with 403', async () => {
    const { hub, clock, t1, auth } = await setup();
    const header = t1.auth(clock(), QUOTA);
    expect(await auth.authenticate(header, line)).toMatchObject({ ok: true, value: { terminal: { id: 'T1' }, bodyHash: bodyHash('') } });
    expect(await auth.authenticate(header, line)).toMatchObject({ ok: false, error: { code: 'REPLAYED_TOKEN' } });
    expect(await auth.authenticate(undefined, line)).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    await hub.store.terminals.disable('T1', 'stolen', clock());
    expect(await auth.authenticate(t1.auth(clock(), QUOTA), line)).toMatchObject({ ok: false, error: { code: 'TERMINAL_DISABLED', message: expect.stringContaining('stolen') as unknown } });
  });

  it('answers an unknown terminal exactly as a wrong key', async () => {
    const { clock, auth } = await setup();
    const stranger = generateSigningKey('X');
    const iat = Math.floor(clock() / 1000);
    const claims = { iat, exp: iat + 60, jti: 'A'.repeat(22), htm: 'GET', htu: QUOTA.target, bh: bodyHash('') };
    const wrongKey = await auth.authenticate(`Jinka-Terminal ${signEs256({ ...claims, sub: 'T1' }, stranger.privateKey, 'T1')}`, line);
    const unknown = await auth.authenticate(`Jinka-Terminal ${signEs256({ ...claims, sub: 'T404' }, stranger.privateKey, 'T404')}`, line);
    expect(wrongKey).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(unknown).toEqual(wrongKey);
  });

  it('does the same work for an unknown terminal as for a known one: one key lookup, one verification, no database read', async () => {
    const { hub, clock, auth } = await setup();
    const stranger = generateSigningKey('X');
    const iat = Math.floor(clock() / 1000);
    const claims = { iat, exp: iat + 60, jti: 'B'.repeat(22), htm: 'GET', htu: QUOTA.target, bh: bodyHash('') };
    const reads = [vi.spyOn(hub.store.terminals, 'get'), vi.spyOn(hub.store.terminals, 'list')];
    const forId = vi.spyOn(auth.keys, 'forId');
    const verify = vi.mocked(compactEs256.verifyCompactEs256);
    const path = async (sub: string) => {
      for (const spy of [...reads, forId, verify]) spy.mockClear();
      await auth.authenticate(`Jinka-Terminal ${signEs256({ ...claims, sub }, stranger.privateKey, sub)}`, line);
      const key = verify.mock.calls[0]?.[1];
      return {
        databaseReads: reads.reduce((n, spy) => n + spy.mock.calls.length, 0),
        keyLookups: forId.mock.calls.length,
        verifications: verify.mock.calls.length,
        key: key instanceof KeyObject ? `${key.type}/${key.asymmetricKeyType ?? ''}` : 'none',
      };
    };
    await auth.keys.forId('T1'); // the index is read from the store once, on first use
    const known = await path('T1');
    expect(known).toEqual({ databaseReads: 0, keyLookups: 1, verifications: 1, key: 'public/ec' });
    expect(await path('T404')).toEqual(known);
    // A terminal enrolled after the index was loaded is found in it.
    const t2 = await enrol(hub, 'T2', 'S');
    expect(await auth.authenticate(t2.auth(clock(), QUOTA), line)).toMatchObject({ ok: true, value: { terminal: { id: 'T2' } } });
  });

  it('refuses a token made before this hub process started, so a token taken before a restart cannot be replayed after it', async () => {
    const { hub, clock, t1, auth } = await setup();
    const header = t1.auth(clock(), QUOTA);
    expect(await auth.authenticate(header, line)).toMatchObject({ ok: true });
    clock.advance(5_000);
    const restarted = new TerminalAuthenticator(hub);
    expect(await restarted.authenticate(header, line)).toMatchObject({ ok: false, error: { code: 'STALE_TOKEN' } });
    // An honest terminal's next token (made after the start) is taken.
    expect(await restarted.authenticate(t1.auth(clock(), QUOTA), line)).toMatchObject({ ok: true });
  });

  it('keeps the window narrow: a token living over 2 minutes, or dated more than a minute off the hub clock, is refused', async () => {
    const { clock, t1, auth } = await setup();
    const iat = Math.floor(clock() / 1000);
    const claims = (i: number, e: number, jti: string) => ({ sub: 'T1', iat: i, exp: e, jti, htm: 'GET', htu: QUOTA.target, bh: bodyHash('') });
    const token = (i: number, e: number, jti: string) => `Jinka-Terminal ${signEs256(claims(i, e, jti), t1.key.privateKey, 'T1')}`;
    expect(await auth.authenticate(token(iat, iat + 300, 'long-lived-token-0001'), line)).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    // Expired 61 s ago, and made 3 minutes ago: both used to pass the 10-minute allowance.
    expect(await auth.authenticate(token(iat - 181, iat - 61, 'expired-token-0000001'), line)).toMatchObject({ ok: false, error: { code: 'CLOCK_SKEW' } });
    expect(await auth.authenticate(token(iat + 61, iat + 120, 'future-token-00000001'), line)).toMatchObject({ ok: false, error: { code: 'CLOCK_SKEW' } });
    expect(await auth.authenticate(token(iat - 150, iat - 30, 'late-but-within-00001'), line)).toMatchObject({ ok: true });
    expect(await auth.authenticate(t1.auth(clock(), QUOTA), { method: 'GET', url: '/v1/bundles' })).toMatchObject({ ok: false, error: { code: 'WRONG_REQUEST' } });
    expect(await auth.authenticate(`Jinka-Terminal ${signEs256({ sub: 'T1', iat, exp: iat + 60 }, t1.key.privateKey, 'T1')}`, line)).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
  });

  it('fails closed when a terminal floods it with fresh tokens, and recovers once they expire', async () => {
    const { hub, clock, t1 } = await setup();
    const auth = new TerminalAuthenticator(hub, new ReplayCache(hub.store.tokenIds, 3));
    for (let i = 0; i < 3; i += 1) expect((await auth.authenticate(t1.auth(clock(), QUOTA), line)).ok).toBe(true);
    expect(await auth.authenticate(t1.auth(clock(), QUOTA), line)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REQUESTS' } });
    expect(await auth.replay.size()).toBe(3);
    clock.advance(181_000);
    expect((await auth.authenticate(t1.auth(clock(), QUOTA), line)).ok).toBe(true);
    expect(await auth.replay.size()).toBe(1);
  });
});

describe('ReplayCache', () => {
  const later = cleanupAfterEach();
  it('keeps ids in the store: a second cache on it (another hub process) refuses an id the first took; silent terminals’ ids are swept', async () => {
    const made = await testHub(testClock());
    later(made.cleanup);
    const first = new ReplayCache(made.hub.store.tokenIds, 2);
    const second = new ReplayCache(made.hub.store.tokenIds, 2);
    expect(await first.claim('T1', 'a', 100, 0)).toBe('fresh');
    expect(await second.claim('T1', 'a', 100, 50)).toBe('replayed');
    expect(await second.claim('T1', 'b', 100, 50)).toBe('fresh');
    expect(await first.claim('T1', 'c', 100, 50)).toBe('full');
    expect(await first.claim('T2', 'a', 100, 50)).toBe('fresh');
    // T1 and T2 fall silent; a claim of T3 a minute later sweeps their expired ids.
    expect(await second.size()).toBe(3);
    expect(await second.claim('T3', 'a', 300, 200)).toBe('fresh');
    expect(await second.size()).toBe(1);
  });
});
