import { GENESIS_HASH } from '../../node/audit/audit-hash.js';
import { carriedCopy } from '../issue/carry-over.js';
import { successorsOf } from '../issue/successors.js';
import type { CheckedEntry, HubRepos, HubStore, IngestOutcome, NewFlag, NewUse, StoredEntry, StoredTerminal, StoredUse, UseVerdict } from '../store/hub-store.js';
import { useVoids } from './use-voids.js';

/**
 * Judges a use before it is stored, inside the ingest's unit of work (`tx`, holding the card's
 * use lock and its successors'), against the uses stored before it; undefined when it counts.
 * `successors` are the cards that replaced the use's card (Art. 34), newest last. Made once per
 * run of the unit (a server database may run it again), for the terminal as locked.
 */
export type UseJudge = (tx: HubRepos, terminal: StoredTerminal) => (use: NewUse, successors: readonly string[]) => Promise<UseVerdict | undefined>;

/** The cards that replaced a card of the bureau's (another issuer's card is never re-issued here). */
export function cardSuccessors(tx: HubRepos, iss: string, sub: string): Promise<string[]> {
  return successorsOf(sub, async (s) => {
    const card = await tx.cards.get(s);
    return card !== undefined && card.iss === iss ? (card.replacedBy ?? undefined) : undefined;
  });
}

const chainBreak = (seq: number, atMs: number, detail: string): Omit<NewFlag, 'terminalId'> => ({ kind: 'CHAIN_BREAK', auditSeq: seq, atMs, detail: `seq ${seq}: ${detail}` });

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
 */
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
    const flags: NewFlag[] = [];
    const uses: StoredUse[] = [];
    const flag = (f: Omit<NewFlag, 'terminalId'>) => flags.push({ terminalId, ...f });
    const voids = useVoids(tx, flags);
    const judgeUse = judge?.(tx, terminal);
    let accepted = 0;
    let duplicates = 0;
    // Uses (and carried copies) voided in this step: no later check of this batch may count them.
    const voided = new Set<string>();
    // Each card's lock is taken once per unit, and its successors read once under it (they cannot change while it is held).
    const chains = new Map<string, string[]>();
    const lockCard = async (iss: string, sub: string): Promise<string[]> => {
      const key = JSON.stringify([iss, sub]);
      const held = chains.get(key);
      if (held !== undefined) return held;
      // The card first, then its successors, oldest first: the order a re-issue takes them in too.
      await tx.uses.lockCard(iss, sub);
      const successors = await cardSuccessors(tx, iss, sub);
      for (const next of successors) await tx.uses.lockCard(iss, next);
      chains.set(key, successors);
      return successors;
    };

    const takeUse = async (entry: CheckedEntry): Promise<void> => {
      if (entry.kind !== 'use') return;
      if (entry.use === undefined) {
        flag({ kind: 'BAD_USE', auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: ${entry.useProblem ?? 'unreadable use'}` });
        return;
      }
      const use = entry.use;
      const successors = await lockCard(use.iss, use.sub);
      // A void that came before its use: the use never counted, so it is not judged either.
      const voidedFirst = await voids.arriving(terminalId, use, entry.seq);
      const verdict = voidedFirst ? undefined : await judgeUse?.(use, successors);
      const refused = voidedFirst ? 'VOIDED' : (verdict?.refusal ?? null);
      const stored = await tx.uses.insert(use, { terminalId, auditSeq: entry.seq, site: terminal.site, receivedMs, carriedFrom: null, refused });
      if (stored === undefined) {
        flag({ kind: 'DUPLICATE_USE', useId: use.id, auditSeq: entry.seq, iss: use.iss, sub: use.sub, detail: `seq ${entry.seq}: use ${use.id} was already stored` });
        return;
      }
      if (verdict !== undefined) {
        const kind = verdict.refusal === 'OVER_QUOTA' ? 'OVER_QUOTA' : 'INVALID_USE';
        const detail = verdict.refusal === 'OVER_QUOTA' ? verdict.detail : `${verdict.refusal}: ${verdict.detail}`;
        flag({ kind, useId: stored.id, auditSeq: entry.seq, iss: stored.iss, sub: stored.sub, atMs: stored.atMs, detail });
      }
      uses.push(stored);
      for (const sub of successors) {
        const copy = carriedCopy(stored, sub);
        const carried = await tx.uses.insert(copy.use, copy.origin);
        if (carried !== undefined) uses.push(carried);
      }
    };

    const sorted = [...entries].sort((a, b) => a.seq - b.seq);
    const inBatch = new Set(sorted.map((e) => e.seq));
    // The entry stored just before, so a contiguous batch links without reading back what it wrote.
    let last: { seq: number; hash: string } | undefined;
    const hashBefore = async (seq: number): Promise<string | undefined> =>
      seq === 1 ? GENESIS_HASH : last?.seq === seq - 1 ? last.hash : (await tx.audit.get(terminalId, seq - 1))?.hash;

    for (const entry of sorted) {
      const existing = await tx.audit.get(terminalId, entry.seq);
      if (existing !== undefined) {
        duplicates += 1;
        await recheckLink(existing);
        last = { seq: entry.seq, hash: existing.hash };
        if (existing.hash !== entry.hash) {
          // The same sequence with other content: a rewritten log or a reset terminal. Kept as a flag, and its use kept too.
          flag({ kind: 'CONFLICT', auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: stored hash ${existing.hash.slice(0, 12)}…, uploaded ${entry.hash.slice(0, 12)}…` });
          await takeUse(entry);
        }
        continue;
      }
      const prevHash = await hashBefore(entry.seq);
      const linkOk = prevHash === undefined ? null : prevHash === entry.prev_hash;
      const { seq, at_ms, kind, body, prev_hash, hash, hashOk } = entry;
      // The terminal's ingest lock is held: no other unit stores this sequence meanwhile.
      if (!(await tx.audit.insert(terminalId, { seq, at_ms, kind, body, prev_hash, hash, hashOk, linkOk }, receivedMs))) throw new Error(`seq ${seq} of ${terminalId} was stored by another unit holding no ingest lock`);
      accepted += 1;
      if (!hashOk) flag(chainBreak(seq, at_ms, `the entry's hash does not match its content`));
      if (linkOk === false) flag(chainBreak(seq, at_ms, `prev_hash does not match entry ${seq - 1}`));
      last = { seq, hash };
      // The entry after, when it arrived earlier: its link could not be checked until now.
      const next = inBatch.has(seq + 1) ? undefined : await tx.audit.get(terminalId, seq + 1);
      if (next !== undefined && next.linkOk === null) {
        const ok = next.prev_hash === hash;
        await tx.audit.setLink(terminalId, seq + 1, ok);
        if (!ok) flag(chainBreak(seq + 1, next.at_ms, `prev_hash does not match entry ${seq}`));
      }
      await takeUse(entry);
      for (const id of await voids.take(terminalId, entry)) voided.add(id);
    }

    /** An entry stored before its predecessor arrived: its link is checked once that one is there. */
    async function recheckLink(existing: StoredEntry): Promise<void> {
      if (existing.linkOk !== null || existing.seq <= 1) return;
      const before = await hashBefore(existing.seq);
      if (before === undefined) return;
      const ok = before === existing.prev_hash;
      await tx.audit.setLink(terminalId, existing.seq, ok);
      if (!ok) flag(chainBreak(existing.seq, existing.at_ms, `prev_hash does not match entry ${existing.seq - 1}`));
    }

    let cursor = terminal.cursor;
    while (inBatch.has(cursor + 1) || (await tx.audit.get(terminalId, cursor + 1)) !== undefined) cursor += 1;
    await tx.terminals.setCursor(terminalId, cursor);
    await tx.terminals.seen(terminalId, receivedMs, clockOffsetMs);
    await voids.settle(terminalId, cursor);
    if (flags.length > 0) await tx.flags.add(flags, receivedMs);
    const judged = uses.map((u) => (voided.has(u.id) ? { ...u, refused: 'VOIDED' as const } : u));
    return { accepted, duplicates, cursor, uses: judged, flags, heldCursor: terminal.cursor };
  });
}
