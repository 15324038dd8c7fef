import { describe, expect, it } from 'vitest';
import { parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import { DEFAULT_RULES_INPUT } from '../../../shared/rules/default-rules.js';
import type { Hub } from '../../../hub/hub.js';
import { reissueCard, revokeCards } from '../../../hub/issue/card-issuer.js';
import { createIssuerKey, trustKeyOf } from '../../../hub/keys/key-ring.js';
import { bundlesQuerySchema, bundlesSince, freshenBundles } from '../../../hub/publish/bundle-query.js';
import { HEARTBEAT_MS, RevocationCache, revocationBundleFor } from '../../../hub/publish/revocation-bundles.js';
import { publishRules, refreshTrust } from '../../../hub/publish/versioned-bundles.js';
import { cleanupAfterEach, at, holder, issue, PASSPHRASE, TEST_SEAL_COST, terminalFromHub, testClock, testHub, type TestClock } from '../hub-fixtures.js';
import { listSeq, openStores } from '../../support/stores.js';
import { terminalStatus } from '../../../electron/core/terminal-reports.js';

const held = (revocations: Record<string, number>, rules = 0, trust = 0) => bundlesQuerySchema.parse({ revocations: Object.entries(revocations).map(([i, s]) => `${i}:${s}`).join(','), rules: String(rules), trust: String(trust) });
const payloadOf = (jws: string) => parseCompactJwt(jws, 64 * 1024 * 1024)?.payload as Record<string, unknown>;

describe('bundles the hub publishes, imported by a real terminal', () => {
  const later = cleanupAfterEach();
  const setup = async (clock: TestClock = testClock()): Promise<{ hub: Hub; clock: TestClock }> => {
    const made = await testHub(clock);
    later(made.cleanup);
    return { hub: made.hub, clock };
  };

  it('accepts the hub-issued card, and after a revocation rejects it as REVOKED', async () => {
    const { hub, clock } = await setup();
    const [card, other] = await issue(hub, [holder(1), holder(2)]);
    const { terminal, cleanup } = await terminalFromHub(hub, clock);
    later(cleanup);
    const request = { token: card?.token ?? '', service: 'cinema', atMs: clock(), companions: {} };
    expect(terminal.decide(request).decision).toMatchObject({ decision: 'accept', card: { sub: 'LC-A-000001', name: '张*明' } });

    clock.advance(60_000);
    await revokeCards(hub, [card?.sub ?? ''], '违纪收回（第三十四条）');
    const update = await bundlesSince(hub, held({ 'lc-hrss': 1 }, 1, 1));
    expect(update).toHaveLength(1);
    expect(payloadOf(update[0] ?? '')).toMatchObject({ typ: 'jinka/revocations', seq: 2, base: 1, revoked: [{ sub: card?.sub, reason: '违纪收回（第三十四条）' }] });
    const imported = terminal.importText(update[0] ?? '');
    expect(imported).toMatchObject({ ok: true, value: { kind: 'revocations', seq: 2, base: 1 } });
    expect(terminal.decide({ ...request, atMs: clock() }).decision).toMatchObject({ decision: 'reject', reasons: ['REVOKED'] });
    expect(terminal.decide({ ...request, token: other?.token ?? '', atMs: clock() }).decision.decision).toBe('accept');
  });

  it('answers only what changed: nothing when current, a delta on the held sequence, a full list otherwise', async () => {
    const { hub } = await setup();
    const cards = await issue(hub, [holder(1), holder(2), holder(3), holder(4)]);
    expect(await bundlesSince(hub, held({ 'lc-hrss': 1 }, 1, 1))).toEqual([]);
    await revokeCards(hub, [cards[0]?.sub ?? ''], 'a');
    await revokeCards(hub, [cards[1]?.sub ?? '', cards[2]?.sub ?? ''], 'b');
    const reissued = await reissueCard(hub, cards[3]?.sub ?? '', 'lost');
    expect(reissued.ok).toBe(true);
    // seq 1 → 4 in three steps; a terminal at 2 gets exactly the two later steps' entries.
    const delta = payloadOf((await bundlesSince(hub, held({ 'lc-hrss': 2 }, 1, 1)))[0] ?? '');
    expect(delta).toMatchObject({ seq: 4, base: 2 });
    expect((delta.revoked as { sub: string }[]).map((r) => r.sub).sort()).toEqual([cards[1]?.sub, cards[2]?.sub, cards[3]?.sub].sort());
    const full = payloadOf((await bundlesSince(hub, held({}, 1, 1)))[0] ?? '');
    expect(full).toMatchObject({ seq: 4, base: 0 });
    expect((full.revoked as unknown[]).length).toBe(4);
    // A sequence the hub never made (a terminal from elsewhere) gets the full list.
    expect(payloadOf((await bundlesSince(hub, held({ 'lc-hrss': 99 }, 1, 1)))[0] ?? '')).toMatchObject({ seq: 4, base: 0 });
    expect(await bundlesSince(hub, held({ 'lc-hrss': 4 }, 1, 1))).toEqual([]);
  });

  it('builds a delta chain a terminal can follow step by step, and refuses nothing', async () => {
    const { hub, clock } = await setup();
    const cards = await issue(hub, [holder(1), holder(2), holder(3)]);
    const { terminal, cleanup } = await terminalFromHub(hub, clock);
    later(cleanup);
    for (const card of cards) {
      await revokeCards(hub, [card.sub], 'x');
      const seq = listSeq(terminal, 'lc-hrss');
      const [delta] = await bundlesSince(hub, held({ 'lc-hrss': seq }, 1, 1));
      expect(terminal.importText(delta ?? '')).toMatchObject({ ok: true, value: { base: seq, seq: seq + 1, added: 1 } });
    }
    for (const card of cards) expect(openStores(terminal).revocations.isRevoked('lc-hrss', card.sub)).toBe(true);
    // An old delta replayed is refused by the terminal, which keeps what it had.
    const stale = await revocationBundleFor(hub, 2);
    expect(terminal.importText(stale ?? '')).toMatchObject({ ok: false, error: { code: 'REPLAY' } });
  });

  it('signs a full list once per sequence (cached) and a heartbeat after a day keeps iat fresh', async () => {
    const { hub, clock } = await setup();
    const cache = new RevocationCache();
    const first = await revocationBundleFor(hub, 0, cache);
    clock.advance(1000);
    expect(await revocationBundleFor(hub, 0, cache)).toBe(first);
    clock.advance(HEARTBEAT_MS);
    await freshenBundles(hub);
    const after = payloadOf((await bundlesSince(hub, held({ 'lc-hrss': 1 }, 1, 1), cache))[0] ?? '');
    expect(after).toMatchObject({ seq: 2, base: 1, revoked: [], iat: Math.floor(clock() / 1000) });
  });

  it('publishes rules version 1 by default and a replaced rule set as version 2', async () => {
    const { hub, clock } = await setup();
    const { terminal, cleanup } = await terminalFromHub(hub, clock);
    later(cleanup);
    expect(terminal.rules().version).toBe(1);
    const rules = { ...DEFAULT_RULES_INPUT, services: [...DEFAULT_RULES_INPUT.services, { id: 'museum', article: 19, name: { zh: '博物馆', en: 'Museum' } }] };
    await publishRules(hub, rules);
    const [bundle] = await bundlesSince(hub, held({ 'lc-hrss': 1 }, 1, 1));
    expect(terminal.importText(bundle ?? '')).toMatchObject({ ok: true, value: { kind: 'rules', version: 2 } });
    expect(terminal.rules().service('museum')).toBeDefined();
    await expect(publishRules(hub, { ...DEFAULT_RULES_INPUT, services: [] })).rejects.toThrow();
  });

  it('rotates keys: trust v2 signed by the trust key, new cards verify, the old key stays for its cards only until they expire', async () => {
    const { hub, clock } = await setup();
    const [oldCard] = await issue(hub, [holder(1, '张三明', 2, { expMs: at('2027-03-01T00:00:00+08:00') })]);
    const { terminal, cleanup } = await terminalFromHub(hub, clock);
    later(cleanup);
    const oldKid = (await hub.signer()).kid;
    await createIssuerKey(hub.store, 'lc-hrss', PASSPHRASE, clock(), false, 'signing', TEST_SEAL_COST);
    await refreshTrust(hub);
    const newKid = (await hub.signer()).kid;
    expect(newKid).not.toBe(oldKid);
    const [newCard] = await issue(hub, [holder(2)]);
    await revokeCards(hub, [oldCard?.sub ?? ''], 'x');
    const update = await bundlesSince(hub, held({ 'lc-hrss': 1 }, 1, 1));
    const trustKid = trustKeyOf(await hub.store.keys.list(), 'lc-hrss')?.kid;
    expect(update.map((b) => [payloadOf(b).typ, parseCompactJwt(b, 1e8)?.header.kid])).toEqual([
      ['jinka/trust', trustKid],
      ['jinka/revocations', newKid],
    ]);
    for (const b of update) expect(terminal.importText(b).ok).toBe(true);
    expect(terminal.decide({ token: newCard?.token ?? '', service: 'gym', atMs: clock(), companions: {} }).decision.decision).toBe('accept');
    expect(openStores(terminal).trust.key('lc-hrss', oldKid, 'card')).toBeDefined();
    expect(openStores(terminal).trust.key('lc-hrss', oldKid, 'list')).toBeUndefined();

    // After the old key's last card has expired, a new trust version drops it, signed by a key the terminal trusts.
    clock.set('2027-03-02T00:00:00+08:00');
    const v3 = await refreshTrust(hub);
    expect(v3?.version).toBe(3);
    expect((JSON.parse(v3?.body ?? '[]') as { keys: { kid: string }[] }[])[0]?.keys.map((k) => k.kid)).toEqual([newKid, trustKid]);
    expect(terminal.importText(v3?.jws ?? '')).toMatchObject({ ok: true, value: { kind: 'trust', version: 3 } });
    expect(openStores(terminal).trust.key('lc-hrss', oldKid, 'card')).toBeUndefined();
    expect(await refreshTrust(hub)).toBeUndefined();
  });

  it('gives a terminal several versions behind the whole trust chain, in order', async () => {
    const { hub, clock } = await setup();
    const { terminal, cleanup } = await terminalFromHub(hub, clock);
    later(cleanup);
    for (let i = 0; i < 2; i += 1) {
      await createIssuerKey(hub.store, 'lc-hrss', PASSPHRASE, clock(), false, 'signing', TEST_SEAL_COST);
      await refreshTrust(hub);
    }
    const chain = await bundlesSince(hub, held({ 'lc-hrss': 1 }, 1, 1));
    expect(chain.map((b) => payloadOf(b).version)).toEqual([2, 3]);
    for (const b of chain) expect(terminal.importText(b)).toMatchObject({ ok: true });
    expect(terminalStatus(terminal).trustVersion).toBe(3);
  });
});
