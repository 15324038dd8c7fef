import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import type { PublicJwk } from '../../../shared/bundles/bundle-schemas.js';
import { replaceCard } from '../../../hub/issue/card-reissue.js';
import type { CheckedEntry, HubRepos, HubStore, NewUse, StoredCard } from '../../../hub/store/hub-store.js';
import { pgUnitStats } from '../../../hub/store/postgres/pg-unit-of-work.js';
import { openPostgresHubStore } from '../../../hub/store/postgres/pg-hub-store.js';
import { ingestEntries, type UseJudge } from '../../../hub/usage/ingest-entries.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';

/**
 * What the PostgreSQL store promises when several hub processes share one database: two stores
 * (two pools, as two processes have) on one database, doing the same things at once.
 */
const T0 = Date.UTC(2026, 5, 1, 2, 0, 0);
const JWK: PublicJwk = { kty: 'EC', crv: 'P-256', x: 'eA', y: 'eQ', kid: 'k1' };
const use = (id: string, sub = 'LC-000001'): NewUse => ({
  id,
  decisionId: `d-${id}`,
  iss: 'LC',
  sub,
  tier: 'A',
  service: 'cinema',
  beneficiary: 'holder',
  atMs: T0,
  realMs: T0,
  companions: {},
  companionsTotal: 0,
  ticket: null,
});
const origin = { terminalId: 'T1', auditSeq: null, site: 'cinema-a', receivedMs: T0, carriedFrom: null, refused: null };
const card = (serial: number): StoredCard => ({
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
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: PgCluster;
let open: HubStore[] = [];
beforeAll(async () => {
  cluster = await startPgCluster();
});
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});
afterAll(async () => {
  await cluster?.stop();
});

/** Two stores on one fresh database, as two hub processes. */
async function twoHubs(): Promise<[HubStore, HubStore]> {
  const url = await cluster.createDatabase();
  const a = await openPostgresHubStore(url, { create: true });
  const b = await openPostgresHubStore(url);
  open.push(a, b);
  return [a, b];
}

describe('PostgreSQL store: two hub processes on one database', () => {
  it('a feed reader never skips a use committed late: cursors become visible in commit order', async () => {
    const [a, b] = await twoHubs();
    let release = (): void => undefined;
    let taken = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tookCursor = new Promise<void>((resolve) => (taken = resolve));
    // Process A stores a use and, before committing, stalls (a slow request, a GC pause).
    const slow = a.transaction(async (tx) => {
      const stored = await tx.uses.insert(use('slow'), origin);
      taken();
      await gate;
      return stored;
    });
    await tookCursor;
    // Process B stores another use meanwhile; it must not become visible with a cursor above A's before A commits.
    let fastDone = false;
    const fast = b.uses.insert(use('fast'), { ...origin, terminalId: 'T2' }).then((u) => ((fastDone = true), u));
    await sleep(300);
    const during = await b.uses.feed({ afterCursor: 0, excludeTerminal: 'T9', services: ['cinema'], limit: 10 });
    expect(during.uses).toEqual([]);
    expect(fastDone).toBe(false);
    release();
    const [s, f] = await Promise.all([slow, fast]);
    expect(s!.cursor).toBeLessThan(f!.cursor);
    const after = await b.uses.feed({ afterCursor: during.cursor, excludeTerminal: 'T9', services: ['cinema'], limit: 10 });
    expect(after.uses.map((u) => u.id)).toEqual(['slow', 'fast']);
  });

  it('card serials from both processes at once are never handed out twice', async () => {
    const [a, b] = await twoHubs();
    const firsts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).cards.allocateSerials(3)));
    const serials = firsts.flatMap((f) => [f, f + 1, f + 2]);
    expect(new Set(serials).size).toBe(60);
    expect(Math.max(...serials)).toBe(60); // no gaps either: every allocation committed
  });

  it('revokes from both processes at once: one sequence bump each, no sequence twice, none lost', async () => {
    const [a, b] = await twoHubs();
    await a.revocations.start('LC', T0);
    await a.cards.insert(Array.from({ length: 12 }, (_, i) => card(i + 1)));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).cards.revoke([{ iss: 'LC', sub: card(i + 1).sub, reason: 'lost', atMs: T0 + i }])),
    );
    const seqs = results.map((r) => (r.ok ? r.seq : -1));
    expect(new Set(seqs).size).toBe(12);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expect((await b.revocations.head('LC'))?.seq).toBe(13);
    expect((await b.revocations.since('LC', 0)).map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    // The same card revoked by both at once: exactly one succeeds.
    await a.cards.insert([card(13)]);
    const twice = await Promise.all([a, b].map((s) => s.cards.revoke([{ iss: 'LC', sub: card(13).sub, reason: 'lost', atMs: T0 }])));
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    expect(twice.filter((r) => !r.ok)).toEqual([{ ok: false, refusal: 'ALREADY_REVOKED', sub: card(13).sub }]);
  });

  it('one terminal’s batch uploaded through both processes at once is stored once: every entry and use counted once', async () => {
    const [a, b] = await twoHubs();
    await a.terminals.addCode({ codeHash: 'h', site: 'cinema-a', service: 'cinema', createdMs: T0, expiresMs: T0 + 1000 });
    await a.terminals.enrol('h', { id: 'T1', site: 'x', service: 'cinema', publicJwk: JWK, enrolledMs: T0 });
    const entries: CheckedEntry[] = [];
    for (let seq = 1; seq <= 30; seq += 1) {
      const u = use(`T1-u${seq}`, `LC-${String(seq).padStart(6, '0')}`);
      const body = JSON.stringify(u);
      const prev = entries[entries.length - 1]?.hash ?? GENESIS_HASH;
      const atMs = T0 + seq;
      entries.push({ seq, at_ms: atMs, kind: 'use', body, prev_hash: prev, hash: auditHash(prev, seq, atMs, 'use', body), hashOk: true, use: u });
    }
    const outcomes = await Promise.all([a, b, a, b].map((s, i) => ingestEntries(s, 'T1', entries, T0 + i, null)));
    expect(outcomes.reduce((n, o) => n + o.accepted, 0)).toBe(30);
    expect(outcomes.reduce((n, o) => n + o.duplicates, 0)).toBe(90);
    expect(outcomes.reduce((n, o) => n + o.uses.length, 0)).toBe(30);
    expect(await b.uses.count()).toBe(30);
    expect((await b.terminals.get('T1'))?.cursor).toBe(30);
    expect((await b.audit.entries('T1', 1, 100)).every((e) => e.linkOk === true)).toBe(true);
    expect(await b.flags.counts()).toEqual({});
  });
});

describe('PostgreSQL store: the ingest runs on its locks (READ COMMITTED), not on serializability', () => {
  it('ten terminals uploading uses of the same cards through both processes at once: each card’s quota counted exactly, no upload fails', async () => {
    const [a, b] = await twoHubs();
    const subs = ['LC-000001', 'LC-000002'];
    await a.terminals.addCode({ codeHash: 'h', site: 'cinema-a', service: 'cinema', createdMs: T0, expiresMs: T0 + 1000 });
    for (let t = 1; t <= 10; t += 1) {
      await a.terminals.addCode({ codeHash: `h${t}`, site: `site-${t}`, service: 'cinema', createdMs: T0, expiresMs: T0 + 1000 });
      await a.terminals.enrol(`h${t}`, { id: `T${t}`, site: 'x', service: 'cinema', publicJwk: JWK, enrolledMs: T0 });
    }
    // At most 3 counting uses per card (Art. 21 style), judged from the history read under the cards' locks.
    const judge: UseJudge = () => async (u, successors, history) =>
      (await history.countingStamps({ iss: u.iss, sub: successors.at(-1) ?? u.sub, service: u.service })).length >= 3 ? { refusal: 'OVER_QUOTA', detail: 'full' } : undefined;
    const batch = (terminal: string): CheckedEntry[] => {
      const entries: CheckedEntry[] = [];
      for (let seq = 1; seq <= 6; seq += 1) {
        const u = use(`${terminal}-u${seq}`, subs[seq % 2]);
        const body = JSON.stringify(u);
        const prev = entries[entries.length - 1]?.hash ?? GENESIS_HASH;
        entries.push({ seq, at_ms: T0 + seq, kind: 'use', body, prev_hash: prev, hash: auditHash(prev, seq, T0 + seq, 'use', body), hashOk: true, use: u });
      }
      return entries;
    };
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => ingestEntries(i % 2 === 0 ? a : b, `T${i + 1}`, batch(`T${i + 1}`), T0, null, judge)));
    expect(outcomes.reduce((n, o) => n + o.accepted, 0)).toBe(60);
    for (const sub of subs) {
      const stored = await b.uses.ofCard('LC', sub);
      expect(stored).toHaveLength(30);
      expect(stored.filter((u) => u.refused === null)).toHaveLength(3);
    }
    expect((await b.flags.counts()).OVER_QUOTA).toBe(54);
  });
});

/** A terminal's log, seq 1.. linked by hash: uses and voids, as `ingestEntries` takes them. */
function terminalLog(terminal: string) {
  const made: CheckedEntry[] = [];
  const next = (kind: 'use' | 'void', body: string, u?: NewUse): CheckedEntry => {
    const seq = made.length + 1;
    const prev = made[made.length - 1]?.hash ?? GENESIS_HASH;
    const entry: CheckedEntry = { seq, at_ms: T0 + seq, kind, body, prev_hash: prev, hash: auditHash(prev, seq, T0 + seq, kind, body), hashOk: true };
    if (u !== undefined) entry.use = u;
    made.push(entry);
    return entry;
  };
  return {
    use: (id: string, sub: string): CheckedEntry => {
      const u = use(`${terminal}-${id}`, sub);
      return next('use', JSON.stringify(u), u);
    },
    void: (id: string): CheckedEntry => next('void', JSON.stringify({ use: `${terminal}-${id}`, reason: 'gate did not open' })),
  };
}

/** Enrols terminal `id` at `site` through `store`. */
async function enrol(store: HubStore, id: string, site: string): Promise<void> {
  await store.terminals.addCode({ codeHash: `h-${id}`, site, service: 'cinema', createdMs: T0, expiresMs: T0 + 1000 });
  await store.terminals.enrol(`h-${id}`, { id, site: 'x', service: 'cinema', publicJwk: JWK, enrolledMs: T0 });
}

/** `store`, with each unit's repos handed to `wrap` first (to stall or race a unit at a chosen statement). */
function wrapped(store: HubStore, wrap: (tx: HubRepos) => HubRepos): HubStore {
  const out: HubStore = Object.create(store) as HubStore;
  out.transaction = (work, options) => store.transaction((tx) => work(wrap(tx)), options);
  return out;
}

describe('PostgreSQL store: card locks and re-issues from two processes (hub/issue/successors.ts lockCardChains)', () => {
  it('a re-issue committed by the other process between the walk’s read of a successor and its lock is followed: the use reaches the newest card’s quota (Art. 34)', async () => {
    const [a, b] = await twoHubs();
    await a.revocations.start('LC', T0);
    const [cardA, x, y] = [card(1), card(2), card(3)];
    await a.cards.insert([cardA]);
    expect((await replaceCard(a, { iss: 'LC', sub: cardA.sub, reason: 'lost', atMs: T0 + 1 }, x)).ok).toBe(true);
    await enrol(a, 'T1', 'cinema-a');
    await enrol(a, 'T2', 'cinema-b');
    // One counting use per card chain (Art. 21 style), judged against the newest successor.
    const judge: UseJudge = () => async (u, successors, history) =>
      (await history.countingStamps({ iss: u.iss, sub: successors.at(-1) ?? u.sub, service: u.service })).length >= 1 ? { refusal: 'OVER_QUOTA', detail: 'full' } : undefined;
    // Process A's upload of a use of the first card reads X (replaced by nothing yet); before it locks X,
    // process B re-issues X as Y and commits (it waits for no lock A holds: A holds the first card's only).
    let raced = false;
    const racing = wrapped(a, (tx) => {
      const cards: typeof tx.cards = Object.create(tx.cards) as typeof tx.cards;
      cards.getMany = async (subs) => {
        const found = await tx.cards.getMany(subs);
        if (!raced && subs.includes(x.sub)) {
          raced = true;
          expect(await replaceCard(b, { iss: 'LC', sub: x.sub, reason: 'lost', atMs: T0 + 2 }, y)).toMatchObject({ ok: true });
        }
        return found;
      };
      return { ...tx, cards };
    });
    const first = await ingestEntries(racing, 'T1', [terminalLog('T1').use('u1', cardA.sub)], T0 + 3, null, judge);
    expect(raced).toBe(true);
    expect(first.flags).toEqual([]);
    expect((await b.uses.ofCard('LC', y.sub)).map((u) => u.carriedFrom)).toEqual(['T1-u1']);
    // The holder's next use, on the new card at another venue: the quota already counts the first one.
    const second = await ingestEntries(b, 'T2', [terminalLog('T2').use('u1', y.sub)], T0 + 4, null, judge);
    expect(second.flags.map((f) => f.kind)).toEqual(['OVER_QUOTA']);
  });

  it('two uploads that lock cards in a circle (a run of uses, then a void partway through the batch) deadlock; PostgreSQL detects it (40P01) and the unit is run again: both succeed', async () => {
    const [a, b] = await twoHubs();
    await a.revocations.start('LC', T0);
    const [p, q] = [card(1), card(2)];
    await a.cards.insert([p, q]);
    await enrol(a, 'T1', 'cinema-a');
    await enrol(a, 'T2', 'cinema-b');
    const log1 = terminalLog('T1');
    const log2 = terminalLog('T2');
    await ingestEntries(a, 'T1', [log1.use('u1', q.sub)], T0, null);
    await ingestEntries(a, 'T2', [log2.use('u1', p.sub)], T0, null);
    // T1 uploads a use of P, then voids its earlier use of Q; T2 a use of Q, then voids its use of P.
    const batch1 = [log1.use('u2', p.sub), log1.void('u1')];
    const batch2 = [log2.use('u2', q.sub), log2.void('u1')];
    // Each unit's first run waits, after its first card lock, until the other holds its first too.
    let arrived = 0;
    let bothHold = (): void => undefined;
    const holding = new Promise<void>((resolve) => (bothHold = resolve));
    const stallOnce = (store: HubStore): HubStore => {
      let stalled = false;
      return wrapped(store, (tx) => {
        const uses: typeof tx.uses = Object.create(tx.uses) as typeof tx.uses;
        uses.lockCards = async (cards) => {
          await tx.uses.lockCards(cards);
          if (stalled || cards.length === 0) return;
          stalled = true;
          arrived += 1;
          if (arrived === 2) bothHold();
          await holding;
        };
        return { ...tx, uses };
      });
    };
    const deadlocksBefore = pgUnitStats.byCode['40P01'] ?? 0;
    const [one, two] = await Promise.all([ingestEntries(stallOnce(a), 'T1', batch1, T0 + 1, null), ingestEntries(stallOnce(b), 'T2', batch2, T0 + 1, null)]);
    expect((pgUnitStats.byCode['40P01'] ?? 0) - deadlocksBefore).toBe(1);
    expect([one.accepted, two.accepted]).toEqual([2, 2]);
    expect([...one.flags, ...two.flags]).toEqual([]);
    // A void moves its use to a new cursor: compared by id.
    const judged = async (sub: string) => (await b.uses.ofCard('LC', sub)).map((u) => `${u.id} ${u.refused ?? 'counts'}`).sort();
    expect(await judged(q.sub)).toEqual(['T1-u1 VOIDED', 'T2-u2 counts']);
    expect(await judged(p.sub)).toEqual(['T1-u2 counts', 'T2-u1 VOIDED']);
  });
});

describe('PostgreSQL store: what a terminal uploads is stored as SQLite stores it', () => {
  it('a NUL character in an entry body or a companion relation neither fails the upload nor breaks the bureau’s report', async () => {
    // use-body.ts takes any relation name a terminal sends; PostgreSQL's jsonb would refuse this one.
    const [a] = await twoHubs();
    const body = 'note\u0000with a NUL';
    expect(await a.audit.insert('T1', { seq: 1, at_ms: T0, kind: 'note', body, prev_hash: GENESIS_HASH, hash: 'h', hashOk: false, linkOk: true }, T0)).toBe(true);
    expect((await a.audit.get('T1', 1))?.body).toBe(body);
    expect((await a.audit.entries('T1', 1, 10)).map((e) => e.body)).toEqual([body]);
    await a.uses.insert({ ...use('u1'), companions: { '\u0000': 1, spouse: 2 } as NewUse['companions'], companionsTotal: 3 }, origin);
    await a.uses.insert({ ...use('u2'), companions: { spouse: 1 }, companionsTotal: 1 }, origin);
    expect(await a.uses.companionsByRelation({})).toEqual({ '\u0000': 1, spouse: 3 });
  });
});
