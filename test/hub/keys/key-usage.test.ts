import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../../electron/core/terminal.js';
import type { TrustedIssuer } from '../../../shared/bundles/bundle-schemas.js';
import { DEFAULT_RULES } from '../../../shared/rules/default-rules.js';
import { parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import type { Hub } from '../../../hub/hub.js';
import { revokeCards } from '../../../hub/issue/card-issuer.js';
import { mintBundle } from '../../../node/crypto/card-token.js';
import { declareKeyCompromised } from '../../../hub/keys/key-compromise.js';
import { createIssuerKey, trustKeyOf } from '../../../hub/keys/key-ring.js';
import { bundlesSince } from '../../../hub/publish/bundle-query.js';
import { refreshTrust, trustFileText } from '../../../hub/publish/versioned-bundles.js';
import { cleanupAfterEach, holder, issue, PASSPHRASE, TEST_SEAL_COST, terminalFromHub, testClock, testHub } from '../hub-fixtures.js';
import { listSeq, openStores } from '../../support/stores.js';
import { terminalStatus } from '../../../electron/core/terminal-reports.js';

const kidOf = (jws: string) => parseCompactJwt(jws, 1e8)?.header.kid;
const typOf = (jws: string) => (parseCompactJwt(jws, 1e8)?.payload as { typ?: string }).typ;
const lcKeys = (body: string) => (JSON.parse(body) as TrustedIssuer[]).find((i) => i.iss === 'lc-hrss');

/** What the terminal holds, as its sync asks the hub. */
const heldBy = (terminal: Terminal) => ({
  revocations: new Map(terminalStatus(terminal).issuers.map((i) => [i.iss, listSeq(terminal, i.iss)])),
  rules: terminal.rules().version,
  trust: terminalStatus(terminal).trustVersion,
});

/** One sync: every bundle the hub answers, imported in order; the codes of the refused ones. */
async function sync(hub: Hub, terminal: Terminal): Promise<string[]> {
  const refused: string[] = [];
  for (const bundle of await bundlesSince(hub, heldBy(terminal))) {
    const r = terminal.importText(bundle);
    if (!r.ok) refused.push(r.error.code);
  }
  return refused;
}

describe('hub keys and their usage (§5)', () => {
  const later = cleanupAfterEach();
  const setup = async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const { terminal, cleanup } = await terminalFromHub(made.hub, clock);
    later(cleanup);
    return { hub: made.hub, clock, terminal };
  };

  it('publishes a trust key for trust only and the current key for cards and lists; a rotated key for cards only', async () => {
    const { hub, clock, terminal } = await setup();
    const first = (await hub.signer()).kid;
    const trustKid = trustKeyOf(await hub.store.keys.list(), 'lc-hrss')?.kid;
    const v1 = await hub.store.bundles.latest('jinka/trust');
    expect(lcKeys(v1?.body ?? '[]')?.keys.map((k) => [k.kid, k.jinka_use])).toEqual([
      [first, ['card', 'list']],
      [trustKid, ['trust']],
    ]);
    expect(kidOf(v1?.jws ?? '')).toBe(trustKid);
    await issue(hub, [holder(1)]); // the first key signed a card: it stays published for it
    await createIssuerKey(hub.store, 'lc-hrss', PASSPHRASE, clock(), false, 'signing', TEST_SEAL_COST);
    const v2 = await refreshTrust(hub);
    expect(kidOf(v2?.jws ?? '')).toBe(trustKid);
    expect(lcKeys(v2?.body ?? '[]')?.keys.find((k) => k.kid === first)?.jinka_use).toEqual(['card']);
    expect(await sync(hub, terminal)).toEqual([]);
    // The issue: the old key, kept so that old cards verify, tries to un-revoke and lock terminals out.
    const oldKey = await hub.unlock(first);
    const attack = mintBundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: Number.MAX_SAFE_INTEGER, base: 0, iat: hub.nowSec(), revoked: [] }, oldKey);
    expect(terminal.importText(attack)).toMatchObject({ ok: false, error: { code: 'WRONG_KEY_USE' } });
    const rules = mintBundle({ iss: 'lc-hrss', typ: 'jinka/rules', version: 2, iat: hub.nowSec(), rules: DEFAULT_RULES }, oldKey);
    expect(terminal.importText(rules)).toMatchObject({ ok: false, error: { code: 'WRONG_KEY_USE' } });
  });

  it('writes the trust version into the trust file and hands a terminal holding 0 the whole chain', async () => {
    const { hub, clock } = await setup();
    await createIssuerKey(hub.store, 'lc-hrss', PASSPHRASE, clock(), false, 'signing', TEST_SEAL_COST);
    await refreshTrust(hub);
    expect(JSON.parse(await trustFileText(hub))).toMatchObject({ version: 2 });
    const chain = await bundlesSince(hub, { revocations: new Map([['lc-hrss', 1]]), rules: 1, trust: 0 });
    expect(chain.filter((b) => typOf(b) === 'jinka/trust').map((b) => (parseCompactJwt(b, 1e8)?.payload as { version: number }).version)).toEqual([1, 2]);
  });

  it('rotates the trust key: the new version is signed by the old trust key, which is then no longer published', async () => {
    const { hub, clock, terminal } = await setup();
    const oldTrust = trustKeyOf(await hub.store.keys.list(), 'lc-hrss')?.kid;
    const next = await createIssuerKey(hub.store, 'lc-hrss', PASSPHRASE, clock(), false, 'trust', TEST_SEAL_COST);
    const v2 = await refreshTrust(hub);
    expect(kidOf(v2?.jws ?? '')).toBe(oldTrust);
    expect(lcKeys(v2?.body ?? '[]')?.keys.filter((k) => k.jinka_use?.includes('trust')).map((k) => k.kid)).toEqual([next.kid]);
    expect(await sync(hub, terminal)).toEqual([]);
    expect(openStores(terminal).trust.key('lc-hrss', next.kid, 'trust')).toBeDefined();
    expect(openStores(terminal).trust.hasKid('lc-hrss', oldTrust ?? '')).toBe(false);
  });

  it('recovers an abused terminal at its next sync after the leaked current key is declared compromised', async () => {
    const { hub, terminal } = await setup();
    const [card, other] = await issue(hub, [holder(1), holder(2)]);
    await revokeCards(hub, [card?.sub ?? ''], 'Art. 34');
    expect(await sync(hub, terminal)).toEqual([]);
    const decide = (token: string) => terminal.decide({ token, service: 'gym', atMs: hub.now(), companions: {} }).decision;
    expect(decide(card?.token ?? '').reasons).toEqual(['REVOKED']);

    // The current key leaks: the attacker un-revokes with a list 100000 ahead and rules 100 ahead.
    const leaked = await hub.signer();
    const held = listSeq(terminal, 'lc-hrss');
    const iat = hub.nowSec();
    expect(terminal.importText(mintBundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: held + 100_000, base: 0, iat, revoked: [] }, leaked)).ok).toBe(true);
    const loose = { ...DEFAULT_RULES, tiers: { ...DEFAULT_RULES.tiers, C: { articles: [6, 30] as [number, number], categories: [4, 5] } } };
    expect(terminal.importText(mintBundle({ iss: 'lc-hrss', typ: 'jinka/rules', version: 101, iat, rules: loose }, leaked)).ok).toBe(true);
    expect(decide(card?.token ?? '').decision).toBe('accept');

    const outcome = await declareKeyCompromised(hub, leaked.kid, PASSPHRASE);
    expect(outcome).toMatchObject({ kid: leaked.kid, reset: { epoch: 1, revocations_from: 3, rules_from: 2 }, trustVersion: 2 });
    expect(outcome.newKid).not.toBe(leaked.kid);
    const trust = await hub.store.bundles.latest('jinka/trust');
    expect(kidOf(trust?.jws ?? '')).toBe(trustKeyOf(await hub.store.keys.list(), 'lc-hrss')?.kid);
    expect(lcKeys(trust?.body ?? '[]')?.keys.map((k) => k.kid)).not.toContain(leaked.kid);

    expect(await sync(hub, terminal)).toEqual([]);
    expect(listSeq(terminal, 'lc-hrss')).toBe(3);
    expect(terminal.rules().version).toBe(2);
    // The card the attacker un-revoked is revoked again; cards the leaked key signed no longer verify (re-issue them).
    expect(openStores(terminal).revocations.isRevoked('lc-hrss', card?.sub ?? '')).toBe(true);
    expect(decide(other?.token ?? '').reasons).toEqual(['UNKNOWN_KEY']);
    const [fresh] = await issue(hub, [holder(3)]);
    expect(decide(fresh?.token ?? '').decision).toBe('accept');
    // The leaked key can do nothing more at the terminal, and the hub goes on as usual.
    expect(terminal.importText(mintBundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 4, base: 0, iat, revoked: [] }, leaked))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_KEY' } });
    await revokeCards(hub, [fresh?.sub ?? ''], 'Art. 34');
    expect(await sync(hub, terminal)).toEqual([]);
    expect(decide(fresh?.token ?? '').reasons).toEqual(['REVOKED']);
  });

  it('refuses to declare the trust key compromised (sync cannot recover from it) or a key twice, and changes nothing', async () => {
    const { hub } = await setup();
    const trustKid = trustKeyOf(await hub.store.keys.list(), 'lc-hrss')?.kid ?? '';
    await expect(declareKeyCompromised(hub, trustKid, PASSPHRASE)).rejects.toThrow(/provisioned again/);
    await expect(declareKeyCompromised(hub, 'lc-1999-1', PASSPHRASE)).rejects.toThrow(/no key/);
    expect(await hub.store.bundles.latestVersion('jinka/trust')).toBe(1);
    const current = (await hub.signer()).kid;
    await declareKeyCompromised(hub, current, PASSPHRASE);
    await expect(declareKeyCompromised(hub, current, PASSPHRASE)).rejects.toThrow(/already/);
    expect(await hub.store.bundles.latestVersion('jinka/trust')).toBe(2);
  });
});
