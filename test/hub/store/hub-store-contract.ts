import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import type { PublicJwk } from '../../../shared/bundles/bundle-schemas.js';
import { replaceCard } from '../../../hub/issue/card-reissue.js';
import { ingestEntries, type UseJudge } from '../../../hub/usage/ingest-entries.js';
import { countingStampsIn } from '../../../hub/usage/counting-stamps.js';
import { checkEntries } from '../../../hub/usage/upload-batch.js';
import type { CheckedEntry, HubStore, NewUse, StoredCard, StoredTerminal } from '../../../hub/store/hub-store.js';

/** A fresh, empty store and how to throw it away. */
export type HubStoreFactory = () => Promise<{ store: HubStore; dispose: () => Promise<void> }>;

const JWK: PublicJwk = { kty: 'EC', crv: 'P-256', x: 'eA', y: 'eQ', kid: 'k1' };
const T0 = Date.UTC(2026, 5, 1, 2, 0, 0);

const card = (serial: number, over: Partial<StoredCard> = {}): StoredCard => ({
  sub: `LC-${String(serial).padStart(6, '0')}`,
  serial,
  iss: 'LC',
  kid: 'k1',
  tier: 'A',
  cat: 1,
  maskedName: '张*',
  idt: 'resident',
  idHmac: `hmac-${serial}`,
  iat: T0 / 1000,
  nbf: T0 / 1000,
  exp: T0 / 1000 + 86_400 * 365,
  token: `token-${serial}`,
  issuedMs: T0,
  replaces: null,
  replacedBy: null,
  revokedMs: null,
  revokeReason: null,
  ...over,
});

const use = (id: string, sub: string, atMs: number, service = 'cinema'): NewUse => ({
  id,
  decisionId: `d-${id}`,
  iss: 'LC',
  sub,
  tier: 'A',
  service,
  beneficiary: 'holder',
  atMs,
  realMs: atMs,
  companions: {},
  companionsTotal: 0,
  ticket: null,
});

/** A terminal's audit chain: `entries(n)` makes seq 1..n linked by hash, each a use of `sub`. */
function chain(terminal: string, sub: string) {
  const made: CheckedEntry[] = [];
  const next = (u?: NewUse, kind = 'use'): CheckedEntry => {
    const seq = made.length + 1;
    const atMs = T0 + seq * 60_000;
    const body = u === undefined ? JSON.stringify({ note: seq }) : JSON.stringify(u);
    const prev = made[made.length - 1]?.hash ?? GENESIS_HASH;
    const entry: CheckedEntry = { seq, at_ms: atMs, kind, body, prev_hash: prev, hash: auditHash(prev, seq, atMs, kind, body), hashOk: true };
    if (u !== undefined) entry.use = u;
    made.push(entry);
    return entry;
  };
  return {
    use: (id: string, atMs = T0) => next(use(`${terminal}-${id}`, sub, atMs)),
    note: () => next(undefined, 'note'),
  };
}

/**
 * The contract every `HubStore` adapter passes (SQLite today, a server database next): every
 * method of the port, atomicity (a step that fails leaves nothing), uniqueness ((terminal, seq)
 * once, a serial never twice, a use id once) and ordering (the quota feed's cursor only moves
 * forward, one revocation sequence bump per revoke).
 */
export function hubStoreContract(name: string, factory: HubStoreFactory): void {
  describe(`HubStore contract: ${name}`, () => {
    let store: HubStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await factory());
    });
    afterEach(async () => {
      await dispose();
    });

    const enrol = async (id: string, site: string, service = 'cinema'): Promise<StoredTerminal> => {
      await store.terminals.addCode({ codeHash: `h-${id}`, site, service, createdMs: T0, expiresMs: T0 + 3_600_000 });
      expect(await store.terminals.enrol(`h-${id}`, { id, site: 'ignored', service, publicJwk: JWK, enrolledMs: T0 })).toEqual({ ok: true });
      const t = await store.terminals.get(id);
      if (t === undefined) throw new Error('enrolled terminal not stored');
      return t;
    };
    const issue = async (n: number): Promise<StoredCard[]> => {
      await store.revocations.start('LC', T0);
      const first = await store.cards.allocateSerials(n);
      const cards = Array.from({ length: n }, (_, i) => card(first + i));
      await store.cards.insert(cards);
      return cards;
    };

    describe('unit of work', () => {
      it('commits every write of the unit and answers its result', async () => {
        const result = await store.transaction(async (tx) => {
          await tx.meta.set('a', '1');
          await tx.revocations.start('LC', T0);
          return tx.meta.get('a');
        });
        expect(result).toBe('1');
        expect(await store.meta.get('a')).toBe('1');
        expect((await store.revocations.head('LC'))?.seq).toBe(1);
      });

      it('a failing step leaves nothing, including what a repository did in its own step', async () => {
        const [c1] = await issue(1);
        const failed = store.transaction(async (tx) => {
          await tx.meta.set('a', '1');
          expect(await tx.cards.revoke([{ iss: 'LC', sub: c1!.sub, reason: 'lost', atMs: T0 + 1 }])).toEqual({ ok: true, seq: 2 });
          await tx.cards.insert([card(1)]); // serial 1 is taken: the step fails
        });
        await expect(failed).rejects.toThrow();
        expect(await store.meta.get('a')).toBeUndefined();
        expect((await store.cards.get(c1!.sub))?.revokedMs).toBeNull();
        expect((await store.revocations.head('LC'))?.seq).toBe(1);
        expect(await store.revocations.since('LC', 0)).toEqual([]);
      });

      it('a thrown domain error rolls back and reaches the caller as it was thrown', async () => {
        class Refused extends Error {}
        const thrown = new Refused('no');
        await expect(
          store.transaction(async (tx) => {
            await tx.meta.set('a', '1');
            throw thrown;
          }),
        ).rejects.toBe(thrown);
        expect(await store.meta.get('a')).toBeUndefined();
      });

      it('two units never interleave: a read-modify-write is not lost', async () => {
        await store.meta.set('n', '0');
        const bump = () =>
          store.transaction(async (tx) => {
            const n = Number(await tx.meta.get('n'));
            await new Promise((resolve) => setTimeout(resolve, 5));
            await tx.meta.set('n', String(n + 1));
          });
        await Promise.all([bump(), bump(), bump(), store.meta.set('other', 'x'), bump()]);
        expect(await store.meta.get('n')).toBe('4');
      });

      it('a plain call made while a unit is open neither sees its writes nor is rolled back with it', async () => {
        let release = (): void => undefined;
        let entered = (): void => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const open = new Promise<void>((resolve) => (entered = resolve));
        const unit = store.transaction(async (tx) => {
          await tx.meta.set('inside', '1');
          entered();
          await gate;
          throw new Error('rolled back');
        });
        await open;
        const outside = store.meta.set('outside', '1');
        const read = store.meta.get('inside');
        release();
        await expect(unit).rejects.toThrow('rolled back');
        await outside;
        expect(await read).toBeUndefined();
        expect(await store.meta.get('outside')).toBe('1');
      });

      it('refuses a call through the store from inside a unit instead of waiting for itself', async () => {
        await expect(store.transaction(() => store.meta.get('x'))).rejects.toThrow();
        expect(await store.meta.get('x')).toBeUndefined(); // the store still answers afterwards
      });
    });

    describe('meta, keys, issuers', () => {
      it('meta keeps the last value of a key', async () => {
        expect(await store.meta.get('prefix')).toBeUndefined();
        await store.meta.set('prefix', 'LC');
        await store.meta.set('prefix', 'LQ');
        expect(await store.meta.get('prefix')).toBe('LQ');
      });

      it('a new current key demotes the old one; retire and markCompromised answer whether they changed anything', async () => {
        const key = { iss: 'LC', publicJwk: JWK, sealedPrivate: 'sealed', createdMs: T0 };
        await store.keys.addCurrent({ ...key, kid: 'k1' });
        await store.keys.addCurrent({ ...key, kid: 'k2', createdMs: T0 + 1 });
        const keys = await store.keys.list();
        expect(keys.map((k) => [k.kid, k.current, k.role])).toEqual([
          ['k1', false, 'signing'],
          ['k2', true, 'signing'],
        ]);
        expect(await store.keys.retire('k2', T0 + 2)).toBe(false); // the current key is not retired
        expect(await store.keys.retire('k1', T0 + 2)).toBe(true);
        expect(await store.keys.retire('k1', T0 + 3)).toBe(false);
        expect(await store.keys.markCompromised('k2', T0 + 4)).toBe(true);
        expect(await store.keys.markCompromised('k2', T0 + 5)).toBe(false);
        expect(await store.keys.markCompromised('nope', T0 + 5)).toBe(false);
        const k2 = (await store.keys.list()).find((k) => k.kid === 'k2');
        expect(k2).toMatchObject({ current: false, compromisedMs: T0 + 4, retiredMs: T0 + 4 });
      });

      it('a new trust key retires the trust keys before it', async () => {
        const key = { iss: 'LC', publicJwk: JWK, sealedPrivate: 'sealed' };
        await store.keys.addTrustKey({ ...key, kid: 't1', createdMs: T0 });
        await store.keys.addTrustKey({ ...key, kid: 't2', createdMs: T0 + 1 });
        const trust = (await store.keys.list()).filter((k) => k.role === 'trust');
        expect(trust.map((k) => [k.kid, k.retiredMs !== null])).toEqual([
          ['t1', true],
          ['t2', false],
        ]);
      });

      it('a foreign issuer keeps its first registration time when its keys are replaced', async () => {
        await store.issuers.put({ iss: 'JN', name: '济南', keys: [JWK] }, T0);
        await store.issuers.put({ iss: 'JN', name: '济南市', keys: [{ ...JWK, kid: 'k9' }] }, T0 + 99);
        expect(await store.issuers.list()).toEqual([{ iss: 'JN', name: '济南市', keys: [{ ...JWK, kid: 'k9' }] }]);
        expect(await store.issuers.registered()).toEqual(new Map([['JN', T0]]));
      });
    });

    describe('cards and revocations', () => {
      it('serials are handed out once, even across calls whose cards were never stored', async () => {
        const a = await store.cards.allocateSerials(3);
        const b = await store.cards.allocateSerials(2);
        expect(b).toBe(a + 3);
        const all = await Promise.all([store.cards.allocateSerials(1), store.cards.allocateSerials(1), store.cards.allocateSerials(1)]);
        expect(new Set(all).size).toBe(3);
      });

      it('insert is all or none: a repeated serial stores no card of the step', async () => {
        await store.cards.insert([card(1)]);
        await expect(store.cards.insert([card(2), card(3, { serial: 1 })])).rejects.toThrow();
        expect(await store.cards.count()).toBe(1);
        expect(await store.cards.get(card(2).sub)).toBeUndefined();
      });

      it('reads cards by number, by holder and in serial order', async () => {
        const [c1, c2] = await issue(3);
        expect(await store.cards.get(c1!.sub)).toEqual(c1);
        expect((await store.cards.list({ limit: 2, offset: 1 })).map((c) => c.serial)).toEqual([2, 3]);
        expect(await store.cards.count()).toBe(3);
        expect((await store.cards.currentForHolder(c2!.idHmac, T0 / 1000))?.sub).toBe(c2!.sub);
        expect(await store.cards.currentForHolder(c2!.idHmac, c2!.exp + 1)).toBeUndefined();
      });

      it('keeps one unrevoked card per holder and end (Art. 31); a revoked card keeps its id_hmac and leaves room', async () => {
        await store.revocations.start('LC', T0);
        await store.cards.insert([card(1, { idHmac: 'h-same' })]);
        await expect(store.cards.insert([card(2, { idHmac: 'h-same' })])).rejects.toThrow();
        // A card issued after the first expired ends later: the index does not stand in its way.
        await store.cards.insert([card(3, { idHmac: 'h-same', exp: card(1).exp + 86_400 })]);
        expect(await store.cards.revoke([{ iss: 'LC', sub: card(1).sub, reason: 'lost', atMs: T0 + 1000 }])).toMatchObject({ ok: true });
        await store.cards.insert([card(4, { idHmac: 'h-same' })]);
        expect((await store.cards.get(card(1).sub))?.idHmac).toBe('h-same');
        await store.transaction(async (tx) => {
          await tx.cards.lockHolders(['h-same', 'h-other', 'h-same']);
          await tx.cards.lockHolders([]);
        });
      });

      it('one revoke is one sequence bump, whatever the number of cards, and lists in sequence order', async () => {
        const [c1, c2, c3] = await issue(3);
        expect((await store.revocations.head('LC'))?.seq).toBe(1);
        const r1 = await store.cards.revoke([
          { iss: 'LC', sub: c1!.sub, reason: 'lost', atMs: T0 + 1000 },
          { iss: 'LC', sub: c2!.sub, reason: 'lost', atMs: T0 + 1000 },
        ]);
        expect(r1).toEqual({ ok: true, seq: 2 });
        expect(await store.cards.revoke([{ iss: 'LC', sub: c3!.sub, reason: 'fraud', atMs: T0 + 2000 }])).toEqual({ ok: true, seq: 3 });
        expect((await store.revocations.head('LC'))?.seq).toBe(3);
        expect((await store.revocations.since('LC', 0)).map((e) => [e.sub, e.seq])).toEqual([
          [c1!.sub, 2],
          [c2!.sub, 2],
          [c3!.sub, 3],
        ]);
        expect((await store.revocations.since('LC', 2)).map((e) => e.sub)).toEqual([c3!.sub]);
        expect(await store.revocations.createdAt('LC', 3)).toBe(T0 + 2000);
        expect((await store.cards.get(c1!.sub))?.revokedMs).toBe(T0 + 1000);
      });

      it('a refused revoke changes nothing: no card revoked, no sequence bumped', async () => {
        const [c1, c2] = await issue(2);
        await store.cards.revoke([{ iss: 'LC', sub: c2!.sub, reason: 'lost', atMs: T0 }]);
        const refused = await store.cards.revoke([
          { iss: 'LC', sub: c1!.sub, reason: 'lost', atMs: T0 + 1 },
          { iss: 'LC', sub: c2!.sub, reason: 'lost', atMs: T0 + 1 },
        ]);
        expect(refused).toEqual({ ok: false, refusal: 'ALREADY_REVOKED', sub: c2!.sub });
        expect(await store.cards.revoke([{ iss: 'LC', sub: 'LC-999999', reason: 'x', atMs: T0 + 2 }])).toEqual({ ok: false, refusal: 'UNKNOWN_CARD', sub: 'LC-999999' });
        expect((await store.cards.get(c1!.sub))?.revokedMs).toBeNull();
        expect((await store.revocations.head('LC'))?.seq).toBe(2);
      });

      it('start is idempotent; the heartbeat bumps only an old head', async () => {
        expect(await store.revocations.head('LC')).toBeUndefined();
        expect(await store.revocations.start('LC', T0)).toEqual({ iss: 'LC', seq: 1, bumpedMs: T0 });
        expect(await store.revocations.start('LC', T0 + 5)).toEqual({ iss: 'LC', seq: 1, bumpedMs: T0 });
        expect((await store.revocations.heartbeat('LC', 60_000, T0 + 1000))?.seq).toBe(1);
        expect(await store.revocations.heartbeat('LC', 60_000, T0 + 61_000)).toEqual({ iss: 'LC', seq: 2, bumpedMs: T0 + 61_000 });
        expect(await store.revocations.createdAt('LC', 2)).toBe(T0 + 61_000);
        expect(await store.revocations.createdAt('LC', 9)).toBeUndefined();
        expect(await store.revocations.since('LC', 0)).toEqual([]);
      });

      it('reissue revokes, links and carries the old card’s uses to the successor in one step (Art. 34)', async () => {
        const [old] = await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const c = chain('T1', old!.sub);
        await ingestEntries(store, t.id, [c.use('u1', T0)], T0, null);
        const successor = card(2, { idHmac: old!.idHmac });
        expect(await replaceCard(store, { iss: 'LC', sub: old!.sub, reason: 'lost', atMs: T0 + 10 }, successor)).toEqual({ ok: true, seq: 2 });
        expect((await store.cards.get(old!.sub))?.replacedBy).toBe(successor.sub);
        expect((await store.cards.get(successor.sub))?.replaces).toBe(old!.sub);
        const fed = await store.uses.feed({ afterCursor: 0, excludeTerminal: 'other', services: ['cinema'], limit: 10 });
        expect(fed.uses.map((u) => [u.sub, u.carriedFrom])).toEqual([
          [old!.sub, null],
          [successor.sub, 'T1-u1'],
        ]);
        // A use of the old card uploaded after the re-issue is carried too.
        await ingestEntries(store, t.id, [c.use('u2', T0 + 20)], T0 + 30, null);
        const later = await store.uses.feed({ afterCursor: fed.cursor, excludeTerminal: 'other', services: ['cinema'], limit: 10 });
        expect(later.uses.map((u) => [u.sub, u.carriedFrom])).toEqual([
          [old!.sub, null],
          [successor.sub, 'T1-u2'],
        ]);
        expect(await store.uses.count()).toBe(2); // carried copies are not uploads
      });

      it('uses.insert stores a use id once; ofCard reads a card’s uses in cursor order; link notes a successor', async () => {
        const [c1, c2] = await issue(2);
        const origin = { terminalId: null, auditSeq: null, site: 'cinema-a', receivedMs: T0, carriedFrom: null, refused: null };
        const first = await store.uses.insert(use('a', c1!.sub, T0), origin);
        expect(first).toMatchObject({ id: 'a', sub: c1!.sub, overQuota: false, refused: null });
        expect(await store.uses.insert(use('a', c1!.sub, T0 + 1), origin)).toBeUndefined();
        const second = await store.uses.insert(use('b', c1!.sub, T0 - 5), { ...origin, refused: 'OVER_QUOTA' });
        expect(second).toMatchObject({ overQuota: true, refused: 'OVER_QUOTA' });
        expect(second!.cursor).toBeGreaterThan(first!.cursor);
        expect((await store.uses.ofCard('LC', c1!.sub)).map((u) => u.id)).toEqual(['a', 'b']);
        expect(await store.uses.ofCard('LC', c2!.sub)).toEqual([]);
        await store.cards.link(c1!.sub, c2!.sub);
        expect((await store.cards.get(c1!.sub))?.replacedBy).toBe(c2!.sub);
      });

      it('a re-issue, an upload and a void lock a card, then its successors, in one order (hub/issue/successors.ts lockCardChains)', async () => {
        // Every card lock a unit takes, in order: one group per statement.
        const locks: string[][] = [];
        const spied: HubStore = Object.create(store) as HubStore;
        spied.transaction = (work, options) =>
          store.transaction((tx) => {
            const uses: typeof tx.uses = Object.create(tx.uses) as typeof tx.uses;
            uses.lockCards = async (cards) => {
              if (cards.length > 0) locks.push(cards.map((c) => c.sub).sort());
              await tx.uses.lockCards(cards);
            };
            return work({ ...tx, uses });
          }, options);
        const [a] = await issue(1);
        const b = card(2, { idHmac: a!.idHmac });
        const c = card(3, { idHmac: a!.idHmac });
        expect((await replaceCard(spied, { iss: 'LC', sub: a!.sub, reason: 'lost', atMs: T0 + 10 }, b)).ok).toBe(true);
        expect((await replaceCard(spied, { iss: 'LC', sub: b.sub, reason: 'lost', atMs: T0 + 20 }, c)).ok).toBe(true);
        expect(locks.splice(0)).toEqual([[a!.sub], [b.sub], [b.sub], [c.sub]]);
        const t = await enrol('T1', 'cinema-a');
        const u1 = chain('T1', a!.sub).use('u1');
        await ingestEntries(spied, t.id, [u1], T0 + 30, null);
        expect(locks.splice(0)).toEqual([[a!.sub], [b.sub, c.sub]]);
        const body = JSON.stringify({ use: 'T1-u1', reason: 'gate did not open' });
        const voidEntry: CheckedEntry = { seq: 2, at_ms: T0 + 120_000, kind: 'void', body, prev_hash: u1.hash, hash: auditHash(u1.hash, 2, T0 + 120_000, 'void', body), hashOk: true };
        expect((await ingestEntries(spied, t.id, [voidEntry], T0 + 40, null)).flags).toEqual([]);
        expect(locks.splice(0)).toEqual([[a!.sub], [b.sub, c.sub]]);
        expect((await store.uses.ofCard('LC', c.sub)).map((u) => u.refused)).toEqual(['VOIDED']);
      });

      it('a re-issue linked between the walk’s read of a successor and its lock is followed: the use is carried to the newest card (Art. 34)', async () => {
        // A → X exists; X is re-issued to Y in the moment after the upload's walk read X (still "replaced by" nothing)
        // and before it locked X. The re-issue runs in place inside the unit, as a unit committed meanwhile would be
        // seen by the next statement; a real second connection: postgres-concurrency.test.ts.
        const [a] = await issue(1);
        const x = card(2, { idHmac: a!.idHmac });
        const y = card(3, { idHmac: a!.idHmac });
        expect((await replaceCard(store, { iss: 'LC', sub: a!.sub, reason: 'lost', atMs: T0 + 10 }, x)).ok).toBe(true);
        const t = await enrol('T1', 'cinema-a');
        let reissued: Promise<unknown> | undefined;
        const racing: HubStore = Object.create(store) as HubStore;
        racing.transaction = (work, options) =>
          store.transaction((tx) => {
            const cards: typeof tx.cards = Object.create(tx.cards) as typeof tx.cards;
            cards.getMany = async (subs) => {
              const found = await tx.cards.getMany(subs);
              if (reissued === undefined && subs.includes(x.sub)) {
                const inPlace: HubStore = Object.create(store) as HubStore;
                inPlace.transaction = (reissue) => reissue(tx);
                reissued = replaceCard(inPlace, { iss: 'LC', sub: x.sub, reason: 'lost', atMs: T0 + 20 }, y);
                expect(await reissued).toMatchObject({ ok: true });
              }
              return found;
            };
            return work({ ...tx, cards });
          }, options);
        await ingestEntries(racing, t.id, [chain('T1', a!.sub).use('u1')], T0 + 30, null);
        expect(reissued).toBeDefined();
        expect((await store.cards.get(x.sub))?.replacedBy).toBe(y.sub);
        // Y's quota check counts the use: carried to X and to Y.
        expect((await store.uses.ofCard('LC', y.sub)).map((u) => u.carriedFrom)).toEqual(['T1-u1']);
        expect((await store.uses.countingHistory([{ iss: 'LC', sub: y.sub }])).map((u) => u.sub)).toEqual([y.sub]);
      });

      it('a refused reissue leaves nothing: old card in force, no successor, no bump', async () => {
        const [old, taken] = await issue(2);
        const refused = await replaceCard(store, { iss: 'LC', sub: old!.sub, reason: 'lost', atMs: T0 + 10 }, card(3, { sub: taken!.sub }));
        expect(refused).toEqual({ ok: false, refusal: 'DUPLICATE_NUMBER', sub: taken!.sub });
        expect(await store.cards.get(old!.sub)).toEqual(old);
        expect(await store.cards.count()).toBe(2);
        expect((await store.revocations.head('LC'))?.seq).toBe(1);
        expect(await store.revocations.since('LC', 0)).toEqual([]);
      });
    });

    describe('bundles', () => {
      it('a version is stored once; reads by version and latest', async () => {
        const b = (version: number) => ({ typ: 'jinka/rules' as const, version, body: `{"v":${version}}`, jws: `jws-${version}`, createdMs: T0 + version });
        expect(await store.bundles.latest('jinka/rules')).toBeUndefined();
        expect(await store.bundles.latestVersion('jinka/rules')).toBeUndefined();
        expect(await store.bundles.put(b(1))).toBe(true);
        expect(await store.bundles.put(b(2))).toBe(true);
        expect(await store.bundles.put({ ...b(2), body: 'other' })).toBe(false);
        expect(await store.bundles.latest('jinka/rules')).toEqual(b(2));
        expect(await store.bundles.latestVersion('jinka/rules')).toBe(2);
        expect(await store.bundles.latestVersion('jinka/trust')).toBeUndefined();
        expect((await store.bundles.after('jinka/rules', 1)).map((x) => x.version)).toEqual([2]);
      });

      it('relayed bundles are kept per issuer and sequence', async () => {
        await store.bundles.putRelayed({ iss: 'JN', seq: 1, base: 0, jws: 'a' });
        await store.bundles.putRelayed({ iss: 'JN', seq: 2, base: 1, jws: 'b' });
        await store.bundles.putRelayed({ iss: 'QD', seq: 5, base: 0, jws: 'c' });
        expect(await store.bundles.relayedHeads()).toEqual([
          { iss: 'JN', seq: 2 },
          { iss: 'QD', seq: 5 },
        ]);
        expect((await store.bundles.relayed('JN')).map((r) => r.jws)).toEqual(['a', 'b']);
      });
    });

    describe('terminals', () => {
      it('a code enrols one terminal at the code’s site, once, and not for another service', async () => {
        await store.terminals.addCode({ codeHash: 'h1', site: 'cinema-a', service: 'cinema', createdMs: T0, expiresMs: T0 + 1000 });
        await store.terminals.addCode({ codeHash: 'h2', site: 'cinema-a', service: 'cinema', createdMs: T0, expiresMs: T0 + 1000 });
        const t = { id: 'T1', site: 'x', service: 'cinema', publicJwk: JWK, enrolledMs: T0 };
        expect(await store.terminals.enrol('nope', t)).toMatchObject({ ok: false, refusal: 'UNKNOWN_CODE' });
        expect(await store.terminals.enrol('h1', { ...t, service: 'park' })).toMatchObject({ ok: false, refusal: 'WRONG_PLACE' });
        expect(await store.terminals.enrol('h1', t)).toEqual({ ok: true });
        expect(await store.terminals.enrol('h1', { ...t, id: 'T2' })).toMatchObject({ ok: false, refusal: 'CODE_USED' });
        expect(await store.terminals.enrol('h2', t)).toMatchObject({ ok: false, refusal: 'TERMINAL_EXISTS' });
        expect(await store.terminals.enrol('h2', { ...t, id: 'T3', enrolledMs: T0 + 1000 })).toMatchObject({ ok: false, refusal: 'CODE_EXPIRED' });
        expect(await store.terminals.get('T1')).toMatchObject({ site: 'cinema-a', service: 'cinema', cursor: 0, disabledMs: null, lastSeenMs: null });
        expect((await store.terminals.list()).map((x) => x.id)).toEqual(['T1']);
      });

      it('disable happens once; seen keeps the last known clock offset', async () => {
        await enrol('T1', 'cinema-a');
        expect(await store.terminals.disable('T1', 'stolen', T0 + 1)).toBe(true);
        expect(await store.terminals.disable('T1', 'again', T0 + 2)).toBe(false);
        await store.terminals.seen('T1', T0 + 3, 1500);
        await store.terminals.seen('T1', T0 + 4, null);
        expect(await store.terminals.get('T1')).toMatchObject({ disabledMs: T0 + 1, disabledReason: 'stolen', lastSeenMs: T0 + 4, clockOffsetMs: 1500 });
      });
    });

    describe('audit ingest (hub/usage/ingest-entries.ts over the plain methods)', () => {
      it('stores each (terminal, seq) once and moves the cursor over the contiguous chain', async () => {
        await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const c = chain('T1', 'LC-000001');
        const [e1, e2, e3, e4] = [c.use('u1'), c.note(), c.note(), c.note()];
        expect(await ingestEntries(store, t.id, [e1, e2, e4], T0, 250)).toMatchObject({ accepted: 3, duplicates: 0, cursor: 2, flags: [] });
        const again = await ingestEntries(store, t.id, [e1, e2, e3], T0 + 1, null);
        expect(again).toMatchObject({ accepted: 1, duplicates: 2, cursor: 4, flags: [], uses: [] });
        const stored = await store.audit.entries('T1', 1, 10);
        expect(stored.map((e) => [e.seq, e.hashOk, e.linkOk])).toEqual([
          [1, true, true],
          [2, true, true],
          [3, true, true],
          [4, true, true],
        ]);
        expect(await store.terminals.get('T1')).toMatchObject({ cursor: 4, lastSeenMs: T0 + 1, clockOffsetMs: 250 });
        expect(await store.uses.count()).toBe(1);
      });

      it('the same batch ingested twice at once is stored once: one run accepts it, the other counts duplicates', async () => {
        await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const c = chain('T1', 'LC-000001');
        const batch = [c.use('u1'), c.note(), c.use('u2', T0 + 1)];
        const [a, b] = await Promise.all([ingestEntries(store, t.id, batch, T0, null), ingestEntries(store, t.id, batch, T0, null)]);
        expect([a.accepted, b.accepted].sort()).toEqual([0, 3]);
        expect([a.duplicates, b.duplicates].sort()).toEqual([0, 3]);
        expect([a.cursor, b.cursor]).toEqual([3, 3]);
        expect([...a.flags, ...b.flags]).toEqual([]);
        expect(await store.uses.count()).toBe(2);
      });

      it('an ingest that fails half-way leaves nothing: no entry, no use, no flag, the cursor where it was', async () => {
        await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const c = chain('T1', 'LC-000001');
        const batch = [c.use('u1'), { ...c.note(), hash: 'f'.repeat(64), hashOk: false }, c.use('u2', T0 + 1)];
        let judged = 0;
        const failing: UseJudge = () => () => {
          judged += 1;
          return judged === 2 ? Promise.reject(new Error('the rules could not be read')) : Promise.resolve(undefined);
        };
        await expect(ingestEntries(store, t.id, batch, T0, 99, failing)).rejects.toThrow('the rules could not be read');
        expect(await store.audit.entries('T1', 1, 10)).toEqual([]);
        expect(await store.uses.count()).toBe(0);
        expect(await store.flags.counts()).toEqual({});
        expect(await store.terminals.get('T1')).toMatchObject({ cursor: 0, lastSeenMs: null, clockOffsetMs: null });
        expect(await ingestEntries(store, t.id, batch, T0, null)).toMatchObject({ accepted: 3, cursor: 3 });
      });

      it('flags a broken link, a bad hash, a conflicting repeat, an unreadable use and a repeated use id', async () => {
        await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const c = chain('T1', 'LC-000001');
        const e1 = c.use('u1');
        const e2 = c.note();
        const e3 = c.note();
        await ingestEntries(store, t.id, [e1, e3], T0, null);
        const broken = await ingestEntries(store, t.id, [{ ...e2, hash: 'f'.repeat(64), hashOk: false }], T0, null);
        expect(broken.flags.map((f) => f.kind).sort()).toEqual(['CHAIN_BREAK', 'CHAIN_BREAK']);
        const conflict = await ingestEntries(store, t.id, [{ ...e1, hash: 'e'.repeat(64) }], T0, null);
        expect(conflict.flags.map((f) => f.kind)).toEqual(['CONFLICT', 'DUPLICATE_USE']);
        const d = chain('T2', 'LC-000001');
        const t2 = await enrol('T2', 'cinema-b');
        const [f1] = [d.use('x')];
        const bad: CheckedEntry = { ...d.note(), kind: 'use', useProblem: 'no id' };
        const out = await ingestEntries(store, t2.id, [f1, bad], T0, null);
        expect(out.flags.map((f) => f.kind)).toEqual(['BAD_USE']);
        expect((await store.flags.counts())).toEqual({ BAD_USE: 1, CHAIN_BREAK: 2, CONFLICT: 1, DUPLICATE_USE: 1 });
      });

      it('a use or void naming a NUL or another control character is flagged and the chain goes on (README "One bad entry")', async () => {
        await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const raw: { seq: number; at_ms: number; kind: string; body: string; prev_hash: string; hash: string }[] = [];
        const add = (kind: string, body: string) => {
          const seq = raw.length + 1;
          const prev = raw[raw.length - 1]?.hash ?? GENESIS_HASH;
          raw.push({ seq, at_ms: T0 + seq, kind, body, prev_hash: prev, hash: auditHash(prev, seq, T0 + seq, kind, body) });
        };
        add('use', JSON.stringify({ ...use('T1-u\u0000', 'LC-000001', T0), ticket: 'K\u00071' }));
        add('void', JSON.stringify({ use: 'T1-u\u0000' }));
        add('use', JSON.stringify(use('T1-u2', 'LC-000001', T0)));
        const out = await ingestEntries(store, t.id, checkEntries({ typ: 'jinka/audit-batch', terminal: 'T1', iat: T0 / 1000, entries: raw }), T0, null);
        expect(out).toMatchObject({ accepted: 3, cursor: 3 });
        expect(out.flags.map((f) => f.kind)).toEqual(['BAD_USE', 'BAD_VOID']);
        expect(out.flags.every((f) => !/\p{Cc}/u.test(f.detail))).toBe(true);
        expect(out.uses.map((u) => u.id)).toEqual(['T1-u2']);
        expect((await store.audit.entries('T1', 1, 10)).map((e) => e.body)).toEqual(raw.map((e) => e.body));
        expect(await store.flags.counts()).toEqual({ BAD_USE: 1, BAD_VOID: 1 });
      });

      it('a refused use is stored with its reason, flagged, and never fed or counted', async () => {
        await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const c = chain('T1', 'LC-000001');
        const judge: UseJudge = () => () => Promise.resolve({ refusal: 'OVER_QUOTA' as const, detail: 'quota full' });
        const out = await ingestEntries(store, t.id, [c.use('u1')], T0, null, judge);
        expect(out.uses.map((u) => [u.id, u.refused, u.overQuota])).toEqual([['T1-u1', 'OVER_QUOTA', true]]);
        expect(out.flags.map((f) => [f.kind, f.useId])).toEqual([['OVER_QUOTA', 'T1-u1']]);
        expect((await store.uses.feed({ afterCursor: 0, excludeTerminal: 'T9', services: ['cinema'], limit: 10 })).uses).toEqual([]);
        expect(await store.uses.usageRows({})).toEqual([]);
        expect(await store.uses.count()).toBe(1);
      });

      it('the judge sees the counting uses stored before the use, the batch’s own before it included, and not a voided one', async () => {
        await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const c = chain('T1', 'LC-000001');
        const seen: number[][] = [];
        const judge: UseJudge = () => async (u, _successors, history) => {
          seen.push(await history.countingStamps({ iss: u.iss, sub: u.sub, service: u.service }));
          return undefined;
        };
        await ingestEntries(store, t.id, [c.use('u0', T0 - 5000)], T0, null, judge);
        const u1 = c.use('u1', T0);
        const seq = 3;
        const body = JSON.stringify({ use: 'T1-u1', reason: 'gate did not open' });
        const atMs = T0 + seq * 60_000;
        c.note(); // seq 3 is the void below, written by hand
        const voidEntry: CheckedEntry = { seq, at_ms: atMs, kind: 'void', body, prev_hash: u1.hash, hash: auditHash(u1.hash, seq, atMs, 'void', body), hashOk: true };
        const u3 = { ...use('T1-u3', 'LC-000001', T0 + 9000) };
        const b4 = JSON.stringify(u3);
        const e4: CheckedEntry = { seq: 4, at_ms: T0 + 4 * 60_000, kind: 'use', body: b4, prev_hash: voidEntry.hash, hash: auditHash(voidEntry.hash, 4, T0 + 4 * 60_000, 'use', b4), hashOk: true, use: u3 };
        const out = await ingestEntries(store, t.id, [u1, voidEntry, e4], T0, null, judge);
        expect(out.flags).toEqual([]);
        expect(seen).toEqual([[], [T0 - 5000], [T0 - 5000]]);
      });

      it('a void from the recording terminal takes its use back and moves it to a new cursor', async () => {
        await issue(1);
        const t = await enrol('T1', 'cinema-a');
        const c = chain('T1', 'LC-000001');
        const u1 = c.use('u1');
        const page = await (async () => {
          await ingestEntries(store, t.id, [u1], T0, null);
          return store.uses.feed({ afterCursor: 0, excludeTerminal: 'T9', services: ['cinema'], limit: 10, voided: true });
        })();
        const seq = 2;
        const body = JSON.stringify({ use: 'T1-u1', reason: 'gate did not open' });
        const atMs = T0 + seq * 60_000;
        const voidEntry: CheckedEntry = { seq, at_ms: atMs, kind: 'void', body, prev_hash: u1.hash, hash: auditHash(u1.hash, seq, atMs, 'void', body), hashOk: true };
        const out = await ingestEntries(store, t.id, [voidEntry], T0 + 1, null);
        expect(out.flags).toEqual([]);
        const after = await store.uses.feed({ afterCursor: page.cursor, excludeTerminal: 'T9', services: ['cinema'], limit: 10, voided: true });
        expect(after.uses.map((u) => [u.id, u.refused])).toEqual([['T1-u1', 'VOIDED']]);
        expect(after.cursor).toBeGreaterThan(page.cursor);
        expect(await store.uses.voidedCount({})).toBe(1);
        expect(await store.uses.usageRows({})).toEqual([]);
      });
    });

    describe('the batch methods the ingest step runs on: one statement each, whatever the batch’s size', () => {
      const stored = (seq: number, linkOk: boolean | null = null) => ({ seq, at_ms: T0 + seq, kind: 'note', body: `n${seq}`, prev_hash: 'p', hash: `h${seq}`, hashOk: true, linkOk });

      it('audit: insertMany stores each (terminal, seq) once and counts what it stored; getMany, setLinks and contiguousEnd read and record', async () => {
        await enrol('T1', 'cinema-a');
        await store.audit.insert('T1', stored(2), T0);
        expect(await store.transaction((tx) => tx.audit.insertMany('T1', [stored(1), stored(2), stored(3), stored(5)], T0))).toBe(3);
        expect(await store.audit.insertMany('T1', [], T0)).toBe(0);
        expect((await store.audit.getMany('T1', [5, 0, 1, 4, 9])).map((e) => e.seq)).toEqual([1, 5]);
        expect(await store.audit.getMany('T2', [1])).toEqual([]);
        await store.audit.setLinks('T1', [
          { seq: 3, ok: true },
          { seq: 5, ok: false },
        ]);
        expect((await store.audit.entries('T1', 1, 10)).map((e) => [e.seq, e.linkOk])).toEqual([
          [1, null],
          [2, null],
          [3, true],
          [5, false],
        ]);
        expect(await store.audit.contiguousEnd('T1', 0)).toBe(3);
        expect(await store.audit.contiguousEnd('T1', 3)).toBe(3);
        expect(await store.audit.contiguousEnd('T1', 4)).toBe(5);
        expect(await store.audit.contiguousEnd('T2', 0)).toBe(0);
      });

      it('uses: insertMany stores an id once, cursors in the order given, above every cursor before; storedIds answers which are stored', async () => {
        const first = await store.uses.insert(use('a', 'LC-000001', T0), { terminalId: 'T1', auditSeq: 1, site: 's', receivedMs: T0, carriedFrom: null, refused: null });
        const origin = (seq: number) => ({ terminalId: 'T1', auditSeq: seq, site: 's', receivedMs: T0, carriedFrom: null, refused: null });
        const out = await store.transaction((tx) =>
          tx.uses.insertMany([
            { use: use('b', 'LC-000001', T0 + 1), origin: origin(2) },
            { use: use('a', 'LC-000001', T0 + 2), origin: origin(3) },
            { use: { ...use('c', 'LC-000002', T0 + 3), nbf: T0 / 1000 }, origin: { ...origin(4), refused: 'OVER_QUOTA' as const } },
            { use: use('b', 'LC-000001', T0 + 4), origin: origin(5) },
          ]),
        );
        expect(out.map((u) => u?.id)).toEqual(['b', undefined, 'c', undefined]);
        expect(out[2]).toMatchObject({ refused: 'OVER_QUOTA', overQuota: true, auditSeq: 4 });
        const [b, , c] = out;
        expect(b!.cursor).toBeGreaterThan(first!.cursor);
        expect(c!.cursor).toBeGreaterThan(b!.cursor);
        expect(await store.uses.get('b')).toEqual(b);
        expect((await store.uses.storedIds(['x', 'a', 'c'])).sort()).toEqual(['a', 'c']);
        expect(await store.uses.storedIds([])).toEqual([]);
        expect(await store.uses.insertMany([])).toEqual([]);
      });

      it('uses: countingHistory reads the cards’ counting uses in cursor order, nbf as reported; nearestElsewhereMany answers per use', async () => {
        const origin = (site: string) => ({ terminalId: 'T1', auditSeq: null, site, receivedMs: T0, carriedFrom: null, refused: null });
        await store.uses.insert({ ...use('a', 'LC-000001', T0), nbf: 1234 }, origin('x'));
        await store.uses.insert(use('r', 'LC-000001', T0), { ...origin('x'), refused: 'OVER_QUOTA' });
        await store.uses.insert(use('b', 'LC-000002', T0 + 60_000, 'gym'), origin('y'));
        await store.uses.insert(use('c', 'LC-000001', T0 + 120_000), origin('y'));
        await store.uses.insert(use('d', 'LC-000003', T0), origin('y'));
        const history = await store.uses.countingHistory([
          { iss: 'LC', sub: 'LC-000001' },
          { iss: 'LC', sub: 'LC-000002' },
          { iss: 'LC', sub: 'LC-000001' },
        ]);
        expect(history.map((u) => [u.id, u.sub, u.service, u.atMs, u.cardNbf])).toEqual([
          ['a', 'LC-000001', 'cinema', T0, 1234],
          ['b', 'LC-000002', 'gym', T0 + 60_000, null],
          ['c', 'LC-000001', 'cinema', T0 + 120_000, null],
        ]);
        expect(history[0]!.cursor).toBeLessThan(history[1]!.cursor);
        expect(await store.uses.countingHistory([])).toEqual([]);
        const q = { iss: 'LC', sub: 'LC-000001', windowMs: 30 * 60_000 };
        const near = await store.uses.nearestElsewhereMany([
          { ...q, site: 'x', atMs: T0, excludeId: 'a' },
          { ...q, site: 'y', atMs: T0 + 120_000, excludeId: 'c' },
          { ...q, sub: 'LC-000003', site: 'y', atMs: T0, excludeId: 'd' },
        ]);
        expect(near.map((u) => u?.id)).toEqual(['c', 'a', undefined]);
        for (const [i, one] of near.entries()) {
          const single = await store.uses.nearestElsewhere([{ ...q, site: 'x', atMs: T0, excludeId: 'a' }, { ...q, site: 'y', atMs: T0 + 120_000, excludeId: 'c' }, { ...q, sub: 'LC-000003', site: 'y', atMs: T0, excludeId: 'd' }][i]!);
          expect(single?.id).toBe(one?.id);
        }
      });

      it('lockCards holds each card for the unit: two units locking overlapping cards run one after the other', async () => {
        const order: string[] = [];
        let release = (): void => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let locked = (): void => undefined;
        const holding = new Promise<void>((resolve) => (locked = resolve));
        const first = store.transaction(async (tx) => {
          await tx.uses.lockCards([
            { iss: 'LC', sub: 'LC-000002' },
            { iss: 'LC', sub: 'LC-000001' },
          ]);
          locked();
          await gate;
          order.push('first');
        });
        await holding;
        const second = store.transaction(async (tx) => {
          await tx.uses.lockCards([
            { iss: 'LC', sub: 'LC-000001' },
            { iss: 'LC', sub: 'LC-000003' },
          ]);
          order.push('second');
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        release();
        await Promise.all([first, second]);
        expect(order).toEqual(['first', 'second']);
      });

      it('cards.getMany and pendingVoids.forUses read several at once', async () => {
        await issue(3);
        expect((await store.cards.getMany(['LC-000003', 'LC-000009', 'LC-000001'])).map((c) => c.sub).sort()).toEqual(['LC-000001', 'LC-000003']);
        expect(await store.cards.getMany([])).toEqual([]);
        await store.pendingVoids.add({ terminalId: 'T1', auditSeq: 4, useId: 'u1' });
        await store.pendingVoids.add({ terminalId: 'T1', auditSeq: 2, useId: 'u1' });
        await store.pendingVoids.add({ terminalId: 'T2', auditSeq: 1, useId: 'u2' });
        await store.pendingVoids.add({ terminalId: 'T2', auditSeq: 2, useId: 'u3' });
        const found = await store.pendingVoids.forUses(['u1', 'u2', 'u9']);
        expect(found.filter((p) => p.useId === 'u1').map((p) => p.auditSeq)).toEqual([2, 4]);
        expect(found.map((p) => p.useId).sort()).toEqual(['u1', 'u1', 'u2']);
        expect(await store.pendingVoids.forUses([])).toEqual([]);
      });
    });

    describe('the plain methods the ingest step runs on (hub/usage/ingest-entries.ts)', () => {
      const stored = (e: CheckedEntry, linkOk: boolean | null) => ({ seq: e.seq, at_ms: e.at_ms, kind: e.kind, body: e.body, prev_hash: e.prev_hash, hash: e.hash, hashOk: e.hashOk, linkOk });

      it('audit.insert stores (terminal, seq) once, even when two units race; get and setLink read and record the link', async () => {
        await enrol('T1', 'cinema-a');
        await enrol('T2', 'cinema-b');
        const c = chain('T1', 'LC-000001');
        const [e1, e2] = [c.note(), c.note()];
        const raced = await Promise.all([
          store.transaction((tx) => tx.audit.insert('T1', stored(e1, true), T0)),
          store.transaction((tx) => tx.audit.insert('T1', { ...stored(e1, true), hash: 'f'.repeat(64) }, T0 + 1)),
        ]);
        expect(raced.filter(Boolean)).toHaveLength(1);
        expect(await store.audit.insert('T2', stored(e1, true), T0)).toBe(true); // another terminal's seq 1
        expect(await store.audit.insert('T1', stored(e2, null), T0)).toBe(true);
        expect(await store.audit.get('T1', 2)).toEqual(stored(e2, null));
        await store.audit.setLink('T1', 2, false);
        expect((await store.audit.get('T1', 2))?.linkOk).toBe(false);
        expect(await store.audit.get('T1', 3)).toBeUndefined();
        expect((await store.audit.entries('T1', 1, 10)).map((e) => e.seq)).toEqual([1, 2]);
      });

      it('lockForIngest answers the terminal as stored in the unit; setCursor only moves forward', async () => {
        await enrol('T1', 'cinema-a');
        expect(await store.transaction((tx) => tx.terminals.lockForIngest('nope'))).toBeUndefined();
        await store.terminals.setCursor('T1', 5);
        await store.terminals.setCursor('T1', 3);
        expect(await store.transaction((tx) => tx.terminals.lockForIngest('T1'))).toMatchObject({ id: 'T1', cursor: 5 });
      });

      it('two units holding one terminal’s ingest lock run one after the other: the second reads what the first wrote', async () => {
        await enrol('T1', 'cinema-a');
        const step = () =>
          store.transaction(async (tx) => {
            const t = await tx.terminals.lockForIngest('T1');
            await new Promise((resolve) => setTimeout(resolve, 5));
            await tx.terminals.setCursor('T1', (t?.cursor ?? 0) + 1);
          });
        await Promise.all([step(), step(), step()]);
        expect((await store.terminals.get('T1'))?.cursor).toBe(3);
      });

      it('two units judging one card under its lock count each other’s use (the last free film goes once)', async () => {
        await issue(1);
        const origin = { terminalId: null, auditSeq: null, site: 'cinema-a', receivedMs: T0, carriedFrom: null, refused: null };
        const judgeAndStore = (id: string) =>
          store.transaction(async (tx) => {
            await tx.uses.lockCards([{ iss: 'LC', sub: 'LC-000001' }]);
            const earlier = countingStampsIn(await tx.uses.countingHistory([{ iss: 'LC', sub: 'LC-000001' }]), { service: 'cinema' });
            await new Promise((resolve) => setTimeout(resolve, 5));
            return tx.uses.insert(use(id, 'LC-000001', T0), { ...origin, refused: earlier.length >= 1 ? 'OVER_QUOTA' : null });
          });
        const both = await Promise.all([judgeAndStore('a'), judgeAndStore('b')]);
        expect(both.map((u) => u?.refused ?? null).sort()).toEqual(['OVER_QUOTA', null]);
      });

      it('uses.get, copiesOf, markVoided and the counting history leave refused and voided uses out', async () => {
        const [c1] = await issue(1);
        const origin = { terminalId: 'T1', auditSeq: 1, site: 'cinema-a', receivedMs: T0, carriedFrom: null, refused: null };
        const a = await store.uses.insert({ ...use('a', c1!.sub, T0 + 10), nbf: 1000 }, origin);
        await store.uses.insert({ ...use('b', c1!.sub, T0 + 20), beneficiary: 'father', nbf: 2000 }, origin);
        await store.uses.insert(use('c', c1!.sub, T0 + 5), { ...origin, refused: 'NOT_VALID' });
        await store.uses.insert(use('a-copy', 'LC-000002', T0 + 10), { ...origin, terminalId: null, auditSeq: null, carriedFrom: 'a' });
        await store.uses.insert(use('d', c1!.sub, T0 + 1, 'park'), origin);
        expect(await store.uses.get('a')).toMatchObject({ id: 'a', cursor: a!.cursor, refused: null });
        expect(await store.uses.get('zz')).toBeUndefined();
        expect((await store.uses.copiesOf('a')).map((u) => u.id)).toEqual(['a-copy']);
        const stamps = async (q: { service: string; beneficiary?: string }) => countingStampsIn(await store.uses.countingHistory([{ iss: 'LC', sub: c1!.sub }]), q);
        expect(await stamps({ service: 'cinema' })).toEqual([T0 + 10, T0 + 20]);
        expect(await stamps({ service: 'cinema', beneficiary: 'father' })).toEqual([T0 + 20]);
        const counting = async () => (await store.uses.countingHistory([{ iss: 'LC', sub: c1!.sub }])).map((u) => [u.id, u.atMs, u.cardNbf]);
        expect(await counting()).toEqual([
          ['a', T0 + 10, 1000],
          ['b', T0 + 20, 2000],
          ['d', T0 + 1, null],
        ]);
        expect(await store.uses.countingHistory([{ iss: 'LC', sub: 'LC-000009' }])).toEqual([]);
        const before = (await store.uses.feed({ afterCursor: 0, excludeTerminal: 'T9', services: ['cinema', 'park'], limit: 10 })).cursor;
        expect(await store.uses.markVoided('a')).toBe(true);
        expect(await store.uses.markVoided('zz')).toBe(false);
        const voided = await store.uses.get('a');
        expect(voided).toMatchObject({ refused: 'VOIDED' });
        expect(voided!.cursor).toBeGreaterThan(before);
        expect(await counting()).toEqual([
          ['b', T0 + 20, 2000],
          ['d', T0 + 1, null],
        ]);
        expect(await stamps({ service: 'cinema' })).toEqual([T0 + 20]);
        const next = await store.uses.insert(use('e', c1!.sub, T0 + 30), origin);
        expect(next!.cursor).toBeGreaterThan(voided!.cursor);
      });

      it('pending voids: a repeat is ignored, read by use and by terminal up to a seq, removed one by one', async () => {
        await store.pendingVoids.add({ terminalId: 'T1', auditSeq: 7, useId: 'u' });
        await store.pendingVoids.add({ terminalId: 'T1', auditSeq: 7, useId: 'other' });
        await store.pendingVoids.add({ terminalId: 'T2', auditSeq: 3, useId: 'u' });
        await store.pendingVoids.add({ terminalId: 'T1', auditSeq: 9, useId: 'w' });
        expect(await store.pendingVoids.forUse('u')).toEqual([
          { terminalId: 'T2', auditSeq: 3, useId: 'u' },
          { terminalId: 'T1', auditSeq: 7, useId: 'u' },
        ]);
        expect((await store.pendingVoids.upTo('T1', 8)).map((v) => v.auditSeq)).toEqual([7]);
        expect((await store.pendingVoids.upTo('T1', 9)).map((v) => v.auditSeq)).toEqual([7, 9]);
        await store.pendingVoids.remove('T1', 7);
        expect(await store.pendingVoids.forUse('u')).toEqual([{ terminalId: 'T2', auditSeq: 3, useId: 'u' }]);
      });
    });

    describe('uses and flags', () => {
      it('the quota feed pages by a cursor that only moves forward, skipping the caller’s own uses', async () => {
        await issue(1);
        const a = await enrol('TA', 'cinema-a');
        const b = await enrol('TB', 'cinema-b');
        const ca = chain('TA', 'LC-000001');
        const cb = chain('TB', 'LC-000001');
        await ingestEntries(store, a.id, [ca.use('1', T0), ca.use('2', T0 + 1)], T0, null);
        await ingestEntries(store, b.id, [cb.use('1', T0 + 2)], T0, null);
        await ingestEntries(store, a.id, [ca.use('3', T0 + 3)], T0, null);
        const seen: string[] = [];
        let cursor = 0;
        for (let i = 0; i < 5; i += 1) {
          const page = await store.uses.feed({ afterCursor: cursor, excludeTerminal: 'TB', services: ['cinema'], limit: 1 });
          expect(page.cursor).toBeGreaterThanOrEqual(cursor);
          seen.push(...page.uses.map((u) => u.id));
          cursor = page.cursor;
          if (!page.more) break;
        }
        expect(seen).toEqual(['TA-1', 'TA-2', 'TA-3']);
        const end = await store.uses.feed({ afterCursor: cursor, excludeTerminal: 'TB', services: ['cinema'], limit: 1 });
        expect(end).toEqual({ uses: [], cursor, more: false });
        expect((await store.uses.feed({ afterCursor: 0, excludeTerminal: 'TA', services: ['park'], limit: 10 })).uses).toEqual([]);
      });

      it('nearestElsewhere finds the earliest counting use at another site within the window', async () => {
        await issue(1);
        const a = await enrol('TA', 'cinema-a');
        const b = await enrol('TB', 'cinema-b');
        await ingestEntries(store, a.id, [chain('TA', 'LC-000001').use('1', T0)], T0, null);
        await ingestEntries(store, b.id, [chain('TB', 'LC-000001').use('1', T0 + 60_000)], T0, null);
        const q = { iss: 'LC', sub: 'LC-000001', atMs: T0 + 60_000, windowMs: 120_000, excludeId: 'TB-1' };
        expect((await store.uses.nearestElsewhere({ ...q, site: 'cinema-b' }))?.id).toBe('TA-1');
        expect(await store.uses.nearestElsewhere({ ...q, site: 'cinema-a' })).toBeUndefined(); // TB-1 is excluded
        expect(await store.uses.nearestElsewhere({ ...q, site: 'cinema-b', windowMs: 1000 })).toBeUndefined();
      });

      it('reports count uses by Shanghai day, site, service and tier', async () => {
        await issue(1);
        const a = await enrol('TA', 'cinema-a');
        const ca = chain('TA', 'LC-000001');
        const withCompanions = { ...ca.use('1', T0) };
        await ingestEntries(store, a.id, [withCompanions, ca.use('2', T0 + 1)], T0, null);
        expect(await store.uses.usageRows({})).toEqual([{ day: '2026-06-01', site: 'cinema-a', service: 'cinema', tier: 'A', uses: 2, companions: 0 }]);
        expect(await store.uses.usageRows({ fromMs: T0 + 1 })).toEqual([{ day: '2026-06-01', site: 'cinema-a', service: 'cinema', tier: 'A', uses: 1, companions: 0 }]);
        expect(await store.uses.companionsByRelation({})).toEqual({});
        expect(await store.uses.voidedCount({})).toBe(0);
      });

      it('flags are listed newest first, by kind, and counted; an OVER_QUOTA flag marks its use', async () => {
        await issue(1);
        const a = await enrol('TA', 'cinema-a');
        await ingestEntries(store, a.id, [chain('TA', 'LC-000001').use('1', T0)], T0, null);
        await store.flags.add(
          [
            { kind: 'TWO_SITES', terminalId: 'TA', detail: 'first' },
            { kind: 'OVER_QUOTA', terminalId: 'TA', useId: 'TA-1', detail: 'second' },
          ],
          T0 + 5,
        );
        expect((await store.flags.list({ limit: 10 })).map((f) => f.detail)).toEqual(['second', 'first']);
        expect((await store.flags.list({ limit: 10, kind: 'TWO_SITES' })).map((f) => [f.detail, f.createdMs])).toEqual([['first', T0 + 5]]);
        expect(await store.flags.counts()).toEqual({ OVER_QUOTA: 1, TWO_SITES: 1 });
        const [fed] = (await store.uses.feed({ afterCursor: 0, excludeTerminal: 'T9', services: ['cinema'], limit: 10 })).uses;
        expect(fed?.overQuota).toBe(true);
      });
    });
  });
}
