import { GENESIS_HASH } from '../../node/audit/audit-hash.js';
import { carriedCopy } from '../issue/carry-over.js';
import { cardKey, lockCardChains, readCardsInto } from '../issue/successors.js';
import type { CheckedEntry, CountingUse, HubRepos, HubStore, IngestOutcome, NewFlag, NewUse, StoredCard, StoredEntry, StoredTerminal, StoredUse, UseOrigin, UseVerdict } from '../store/hub-store.js';
import { countingStampsIn } from './counting-stamps.js';
import { useVoids } from './use-voids.js';

/**
 * What the quota check reads of a batch's cards, read once for the batch under the cards' use
 * locks (hub/usage/ingest-entries.ts): the stored card and its counting uses as
 * `UseRepo.countingHistory` reads them, those of this batch taken before the use included.
 */
export interface CardHistory {
  card(sub: string): Promise<StoredCard | undefined>;
  countingStamps(q: { iss: string; sub: string; service: string; beneficiary?: string }): Promise<number[]>;
  firstCountingStamp(iss: string, sub: string): Promise<number | undefined>;
  firstReportedNbf(iss: string, sub: string): Promise<number | undefined>;
}

/**
 * Judges a use before it is stored, inside the ingest's unit of work (`tx`, holding the card's
 * use lock and its successors'), against the uses stored before it (`history`, which holds the
 * batch's earlier uses too); undefined when it counts. `successors` are the cards that replaced
 * the use's card (Art. 34), newest last. Made once per run of the unit (a server database may
 * run it again), for the terminal as locked.
 */
export type UseJudge = (tx: HubRepos, terminal: StoredTerminal) => (use: NewUse, successors: readonly string[], history: CardHistory) => Promise<UseVerdict | undefined>;

const chainBreak = (seq: number, atMs: number, detail: string): Omit<NewFlag, 'terminalId'> => ({ kind: 'CHAIN_BREAK', auditSeq: seq, atMs, detail: `seq ${seq}: ${detail}` });

/**
 * The batch's cards: each locked once per unit, then their successors (lockCardChains, the one
 * order every unit takes card locks in), read once, and their counting uses read once, then kept
 * up to date in memory as the batch's uses are taken and voided.
 */
function batchCards(tx: HubRepos) {
  const chains = new Map<string, string[]>();
  const cards = new Map<string, StoredCard | undefined>();
  const history = new Map<string, CountingUse[]>();
  const readCards = (subs: string[]): Promise<void> => readCardsInto(tx, cards, subs);

  return {
    /** Locks the cards not held yet (and their successors); answers nothing, successorsOf then answers from memory. */
    async lock(pairs: { iss: string; sub: string }[]): Promise<void> {
      const fresh = [...new Map(pairs.filter((p) => !chains.has(cardKey(p.iss, p.sub))).map((p) => [cardKey(p.iss, p.sub), p])).values()];
      if (fresh.length === 0) return;
      const found = await lockCardChains(tx, fresh, { read: cards, held: (iss, sub) => chains.has(cardKey(iss, sub)) });
      fresh.forEach(({ iss, sub }, i) => chains.set(cardKey(iss, sub), found[i] ?? []));
    },
    successorsOf: (iss: string, sub: string): string[] => chains.get(cardKey(iss, sub)) ?? [],
    /** Reads the counting uses of the cards not read yet. */
    async readHistory(pairs: { iss: string; sub: string }[]): Promise<void> {
      const fresh = [...new Map(pairs.filter((p) => !history.has(cardKey(p.iss, p.sub))).map((p) => [cardKey(p.iss, p.sub), p])).values()];
      if (fresh.length === 0) return;
      for (const p of fresh) history.set(cardKey(p.iss, p.sub), []);
      for (const u of await tx.uses.countingHistory(fresh)) history.get(cardKey(u.iss, u.sub))?.push(u);
    },
    /** A use (or carried copy) stored in this batch that counts. */
    counted(u: CountingUse): void {
      history.get(cardKey(u.iss, u.sub))?.push(u);
    },
    /** Uses voided in this batch count no more. */
    voided(ids: readonly string[]): void {
      const gone = new Set(ids);
      for (const [key, list] of history) history.set(key, list.filter((u) => !gone.has(u.id)));
    },
    view(): CardHistory {
      const of = async (iss: string, sub: string): Promise<CountingUse[]> => {
        if (!history.has(cardKey(iss, sub))) await this.readHistory([{ iss, sub }]);
        return history.get(cardKey(iss, sub)) ?? [];
      };
      return {
        card: async (sub) => {
          if (!cards.has(sub)) await readCards([sub]);
          return cards.get(sub);
        },
        countingStamps: async (q) => countingStampsIn(await of(q.iss, q.sub), q),
        firstCountingStamp: async (iss, sub) => {
          const stamps = (await of(iss, sub)).map((u) => u.atMs);
          return stamps.length === 0 ? undefined : Math.min(...stamps);
        },
        firstReportedNbf: async (iss, sub) => (await of(iss, sub)).find((u) => u.cardNbf !== null)?.cardNbf ?? undefined,
      };
    },
  };
}

const counting = (u: StoredUse): CountingUse => ({ cursor: u.cursor, id: u.id, iss: u.iss, sub: u.sub, service: u.service, beneficiary: u.beneficiary, atMs: u.atMs, cardNbf: null });

/**
 * Stores an uploaded batch of a terminal's audit entries in one unit of work holding the
 * terminal's ingest lock: each (terminal, seq) is stored once; links are checked against what
 * is stored, both ways, so entries may arrive out of order; breaks are stored and flagged
 * (CHAIN_BREAK); a repeat with other content is kept as a CONFLICT flag and its use still
 * taken; uses are taken out and judged, under their card's use lock, against the uses stored
 * before them (a refused use is stored with its reason and flagged OVER_QUOTA or INVALID_USE,
 * never counted or fed, not even for a moment); an unreadable use is flagged BAD_USE, a
 * repeated use id DUPLICATE_USE; a use of a re-issued card is carried to its successors;
 * `void` entries take back their uses (use-voids.ts); the cursor moves over the contiguous
 * chain and the terminal is noted as seen (with its clock offset when known).
 *
 * Batch-oriented: the statements a batch costs do not grow with its entries (a server database
 * answers each over the network). The stored neighbours of the batch are read at once and the
 * chain checked in memory; the new entries go in one statement; the uses between two `void`
 * entries are judged in seq order against their cards' history, read once under the cards'
 * locks (taken in one statement) and kept up to date in memory, and stored in one statement.
 * A `void` entry is applied where it stands, so the uses after it see it.
 */
/**
 * The unit runs on its locks (UnitOptions `locks`: READ COMMITTED on a server database), not on
 * serializability, and each rule still holds against any unit running at once, because every
 * read a rule depends on comes after the lock that keeps its writers out, and each statement
 * then sees all that the lock's earlier holders committed:
 * - the terminal's entries, cursor and waiting voids: read after `lockForIngest` (its row locked
 *   for update), and only units holding that lock write them; (terminal, seq) is a primary key;
 * - a card's quota history: read after `lockCards` on the card and its successors; the units
 *   that add counting uses of a card (this one, a re-issue's carry) hold its lock; a void takes
 *   the lock of its use's card and successors before it reads the copies (use-voids.ts); a void
 *   or revoke committing while a use is judged orders that use before it, as one serial order would;
 * - use ids and feed cursors: a unique constraint, and the cursor lock (pg-use-repo.ts);
 * - a void from another terminal naming a use being stored meanwhile may be kept waiting and
 *   flagged BAD_VOID when its terminal's chain passes it, instead of at once: it never counted.
 * Deadlocks (card locks taken in another order by a re-issue or a void) still roll back and
 * run again. test/hub/store/postgres-concurrency.test.ts runs two processes' ingests at once.
 */
const INGEST_UNIT = { locks: true } as const;

export function ingestEntries(
  store: HubStore,
  terminalId: string,
  entries: readonly CheckedEntry[],
  receivedMs: number,
  clockOffsetMs: number | null,
  judge?: UseJudge,
): Promise<IngestOutcome> {
  return store.transaction(async (tx) => {
    const terminal = await tx.terminals.lockForIngest(terminalId);
    if (terminal === undefined) throw new Error(`terminal ${terminalId} is not enrolled`);
    const voidFlags: NewFlag[] = [];
    const voids = useVoids(tx, voidFlags);
    const judgeUse = judge?.(tx, terminal);
    const cards = batchCards(tx);
    const history = cards.view();
    let accepted = 0;
    let duplicates = 0;
    // Uses (and carried copies) voided in this step: no later check of this batch may count them.
    const voided = new Set<string>();

    const sorted = [...entries].sort((a, b) => a.seq - b.seq);
    const inBatch = new Set(sorted.map((e) => e.seq));
    // Each entry's flags, in the order the entries are taken: its chain's, then its use's or void's.
    const flagsOf = sorted.map((): NewFlag[] => []);
    const flag = (i: number, f: Omit<NewFlag, 'terminalId'>) => flagsOf[i]?.push({ terminalId, ...f });

    // What is stored around the batch, read at once: each entry's seq and its neighbours.
    const around = new Set<number>();
    for (const { seq } of sorted) for (const s of [seq - 1, seq, seq + 1]) if (s >= 1) around.add(s);
    const known = new Map<number, StoredEntry>((await tx.audit.getMany(terminalId, [...around])).map((e) => [e.seq, e]));
    const links = new Map<number, boolean>();
    const fresh: StoredEntry[] = [];
    // The entries whose use or void is taken, in seq order: index into `sorted`, and whether the entry is new.
    const taken: { i: number; isNew: boolean }[] = [];

    const hashBefore = (seq: number): string | undefined => (seq === 1 ? GENESIS_HASH : known.get(seq - 1)?.hash);
    /** An entry stored before its predecessor arrived: its link is checked once that one is there. */
    const recheckLink = (i: number, existing: StoredEntry): void => {
      if (existing.linkOk !== null || existing.seq <= 1) return;
      const before = hashBefore(existing.seq);
      if (before === undefined) return;
      const ok = before === existing.prev_hash;
      links.set(existing.seq, ok);
      known.set(existing.seq, { ...existing, linkOk: ok });
      if (!ok) flag(i, chainBreak(existing.seq, existing.at_ms, `prev_hash does not match entry ${existing.seq - 1}`));
    };

    sorted.forEach((entry, i) => {
      const existing = known.get(entry.seq);
      if (existing !== undefined) {
        duplicates += 1;
        recheckLink(i, existing);
        if (existing.hash !== entry.hash) {
          // The same sequence with other content: a rewritten log or a reset terminal. Kept as a flag, and its use kept too.
          flag(i, { kind: 'CONFLICT', auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: stored hash ${existing.hash.slice(0, 12)}…, uploaded ${entry.hash.slice(0, 12)}…` });
          taken.push({ i, isNew: false });
        }
        return;
      }
      const prevHash = hashBefore(entry.seq);
      const linkOk = prevHash === undefined ? null : prevHash === entry.prev_hash;
      const { seq, at_ms, kind, body, prev_hash, hash, hashOk } = entry;
      const row: StoredEntry = { seq, at_ms, kind, body, prev_hash, hash, hashOk, linkOk };
      fresh.push(row);
      known.set(seq, row);
      accepted += 1;
      if (!hashOk) flag(i, chainBreak(seq, at_ms, `the entry's hash does not match its content`));
      if (linkOk === false) flag(i, chainBreak(seq, at_ms, `prev_hash does not match entry ${seq - 1}`));
      // The entry after, when it arrived earlier: its link could not be checked until now.
      const next = inBatch.has(seq + 1) ? undefined : known.get(seq + 1);
      if (next !== undefined && next.linkOk === null) {
        const ok = next.prev_hash === hash;
        links.set(seq + 1, ok);
        known.set(seq + 1, { ...next, linkOk: ok });
        if (!ok) flag(i, chainBreak(seq + 1, next.at_ms, `prev_hash does not match entry ${seq}`));
      }
      taken.push({ i, isNew: true });
    });

    // The terminal's ingest lock is held: no other unit stores these sequences meanwhile.
    if ((await tx.audit.insertMany(terminalId, fresh, receivedMs)) !== fresh.length) throw new Error(`entries of ${terminalId} were stored by another unit holding no ingest lock`);
    await tx.audit.setLinks(
      terminalId,
      [...links].map(([seq, ok]) => ({ seq, ok })),
    );

    const uses: StoredUse[] = [];
    const seenIds = new Set<string>();

    /** The uses of a run of entries with no void between them, judged in seq order and stored at once. */
    const takeUses = async (run: number[]): Promise<void> => {
      const readable: { i: number; use: NewUse; seq: number }[] = [];
      for (const i of run) {
        const entry = sorted[i] as CheckedEntry;
        if (entry.kind !== 'use') continue;
        if (entry.use === undefined) flag(i, { kind: 'BAD_USE', auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: ${entry.useProblem ?? 'unreadable use'}` });
        else readable.push({ i, use: entry.use, seq: entry.seq });
      }
      if (readable.length === 0) return;
      await cards.lock(readable.map(({ use }) => use));
      const stored = new Set(await tx.uses.storedIds(readable.map(({ use }) => use.id)));
      let pending = await tx.pendingVoids.forUses(readable.map(({ use }) => use.id));
      // Every card the judge reads of (the use's, and the newest successor it counts against), before the first use is judged.
      if (judgeUse !== undefined) {
        await cards.readHistory(readable.flatMap(({ use }) => [use, { iss: use.iss, sub: cards.successorsOf(use.iss, use.sub).at(-1) ?? use.sub }]));
      }
      const rows: { use: NewUse; origin: UseOrigin }[] = [];
      const planned: { i: number; seq: number; use: NewUse; verdict: UseVerdict | undefined; successors: string[]; at: number }[] = [];
      for (const { i, use, seq } of readable) {
        const successors = cards.successorsOf(use.iss, use.sub);
        // A void that came before its use: the use never counted, so it is not judged either.
        const before = voidFlags.length;
        const voidedFirst = await voids.arriving(terminalId, use, seq, pending.filter((p) => p.useId === use.id));
        pending = pending.filter((p) => p.useId !== use.id);
        for (const f of voidFlags.splice(before)) flagsOf[i]?.push(f);
        const repeat = stored.has(use.id) || seenIds.has(use.id);
        seenIds.add(use.id);
        if (repeat) {
          flag(i, { kind: 'DUPLICATE_USE', useId: use.id, auditSeq: seq, iss: use.iss, sub: use.sub, detail: `seq ${seq}: use ${use.id} was already stored` });
          continue;
        }
        const verdict = voidedFirst ? undefined : await judgeUse?.(use, successors, history);
        const refused = voidedFirst ? 'VOIDED' : (verdict?.refusal ?? null);
        const origin: UseOrigin = { terminalId, auditSeq: seq, site: terminal.site, receivedMs, carriedFrom: null, refused };
        planned.push({ i, seq, use, verdict, successors, at: rows.length });
        rows.push({ use, origin });
        // As the store answers it (a carried copy does not repeat the card's nbf and exp).
        const plain: NewUse = { ...use };
        delete plain.nbf;
        delete plain.exp;
        const asStored: StoredUse = { ...plain, ...origin, cursor: 0, overQuota: refused === 'OVER_QUOTA' };
        if (refused === null) cards.counted({ ...counting(asStored), cardNbf: use.nbf ?? null });
        for (const sub of successors) {
          const copy = carriedCopy(asStored, sub);
          rows.push(copy);
          if (refused === null) cards.counted(counting({ ...copy.use, ...copy.origin, cursor: 0, overQuota: false }));
        }
      }
      const results = await tx.uses.insertMany(rows);
      for (const { i, seq, use, verdict, successors, at } of planned) {
        const stored = results[at];
        if (stored === undefined) {
          // Stored meanwhile under the same id by a unit on another card (ids are unique hub-wide).
          flag(i, { kind: 'DUPLICATE_USE', useId: use.id, auditSeq: seq, iss: use.iss, sub: use.sub, detail: `seq ${seq}: use ${use.id} was already stored` });
          continue;
        }
        if (verdict !== undefined) {
          const kind = verdict.refusal === 'OVER_QUOTA' ? 'OVER_QUOTA' : 'INVALID_USE';
          const detail = verdict.refusal === 'OVER_QUOTA' ? verdict.detail : `${verdict.refusal}: ${verdict.detail}`;
          flag(i, { kind, useId: stored.id, auditSeq: seq, iss: stored.iss, sub: stored.sub, atMs: stored.atMs, detail });
        }
        uses.push(stored);
        successors.forEach((_, k) => {
          const carried = results[at + 1 + k];
          if (carried !== undefined) uses.push(carried);
        });
      }
    };

    // Runs of uses between voids; each void is applied where it stands.
    let run: number[] = [];
    for (const { i, isNew } of taken) {
      const entry = sorted[i] as CheckedEntry;
      if (isNew && entry.kind === 'void') {
        await takeUses(run);
        run = [];
        const before = voidFlags.length;
        const ids = await voids.take(terminalId, entry);
        for (const f of voidFlags.splice(before)) flagsOf[i]?.push(f);
        for (const id of ids) voided.add(id);
        cards.voided(ids);
      } else run.push(i);
    }
    await takeUses(run);

    const cursor = await tx.audit.contiguousEnd(terminalId, terminal.cursor);
    await tx.terminals.setCursor(terminalId, cursor);
    await tx.terminals.seen(terminalId, receivedMs, clockOffsetMs);
    await voids.settle(terminalId, cursor);
    const flags = [...flagsOf.flat(), ...voidFlags];
    if (flags.length > 0) await tx.flags.add(flags, receivedMs);
    const judged = uses.map((u) => (voided.has(u.id) ? { ...u, refused: 'VOIDED' as const } : u));
    return { accepted, duplicates, cursor, uses: judged, flags, heldCursor: terminal.cursor };
  }, INGEST_UNIT);
}
