import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { signEs256 } from '../../../node/crypto/jws-sign.js';
import type { Hub } from '../../../hub/hub.js';
import { bundlesSince } from '../../../hub/publish/bundle-query.js';
import { putForeignIssuer, relayRevocations } from '../../../hub/publish/foreign-issuers.js';
import { cleanupAfterEach, testClock, testHub } from '../hub-fixtures.js';

/** The sequences of the province's lists the hub offers a terminal holding none. */
async function offered(hub: Hub): Promise<number[]> {
  const out = await bundlesSince(hub, { revocations: new Map([['sd-hrss', 0]]), rules: 0, trust: 99 });
  return out
    .map((jws) => JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString()) as { iss: string; seq: number })
    .filter((p) => p.iss === 'sd-hrss')
    .map((p) => p.seq);
}

describe('relayRevocations checks a province list as a terminal would (DESIGN.md §5 key usage, bounded steps)', () => {
  const later = cleanupAfterEach();

  const setup = async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const old = generateSigningKey('sd-1');
    const current = generateSigningKey('sd-2');
    await putForeignIssuer(made.hub, {
      iss: 'sd-hrss',
      name: '山东省人力资源和社会保障厅',
      keys: [{ ...old.publicJwk, jinka_use: ['card'] }, { ...current.publicJwk, jinka_use: ['card', 'list'] }],
    });
    const iat = Math.floor(clock() / 1000);
    const list = (seq: number, base = 0, key = current, revoked: { sub: string }[] = []) =>
      signEs256({ iss: 'sd-hrss', typ: 'jinka/revocations', seq, base, iat, revoked }, key.privateKey, key.kid);
    return { hub: made.hub, old, list };
  };

  it('refuses, in words and without a throw, a list whose key id has no string form', async () => {
    const { hub } = await setup();
    const current = generateSigningKey('sd-2');
    const iat = Math.floor(testClock()() / 1000);
    // A header kid of [{"toString": false}]: String() of it throws, and the relay must still answer.
    const odd = signEs256({ iss: 'sd-hrss', typ: 'jinka/revocations', seq: 1, base: 0, iat, revoked: [] }, current.privateKey, 'x', { kid: [{ toString: false }] });
    expect(await relayRevocations(hub, odd)).toEqual({ ok: false, error: 'issuer sd-hrss has no key [{"toString":false}]' });
  });

  it('refuses a list signed by a key kept only for cards already issued', async () => {
    const { hub, old, list } = await setup();
    expect(await relayRevocations(hub, list(1, 0, old, [{ sub: 'SD-INNOCENT' }]))).toEqual({ ok: false, error: 'key sd-1 of sd-hrss may not sign jinka/revocations' });
    expect(await offered(hub)).toEqual([]);
  });

  it('refuses a sequence so far ahead that it would freeze every terminal, and keeps taking genuine lists', async () => {
    const { hub, list } = await setup();
    expect(await relayRevocations(hub, list(Number.MAX_SAFE_INTEGER))).toMatchObject({ ok: false, error: expect.stringMatching(/^TOO_FAR: sequence 9007199254740991 is more than 100000 beyond the held 0/) as unknown });
    expect(await relayRevocations(hub, list(100_001))).toMatchObject({ ok: false });
    expect((await relayRevocations(hub, list(5, 0, undefined, [{ sub: 'SD-LOST' }]))).ok).toBe(true);
    expect(await offered(hub)).toEqual([5]);
  });

  it('refuses a replayed or older sequence, and a delta that does not follow on from the newest list', async () => {
    const { hub, list } = await setup();
    expect((await relayRevocations(hub, list(5))).ok).toBe(true);
    expect(await relayRevocations(hub, list(5))).toMatchObject({ ok: false, error: expect.stringMatching(/^REPLAY: /) as unknown });
    expect(await relayRevocations(hub, list(4))).toMatchObject({ ok: false, error: expect.stringMatching(/^REPLAY: /) as unknown });
    expect(await relayRevocations(hub, list(7, 3))).toMatchObject({ ok: false, error: expect.stringMatching(/^GAP: /) as unknown });
    expect((await relayRevocations(hub, list(6, 5))).ok).toBe(true);
    expect((await relayRevocations(hub, list(9, 0))).ok).toBe(true);
    expect(await offered(hub)).toEqual([9]);
  });
});
