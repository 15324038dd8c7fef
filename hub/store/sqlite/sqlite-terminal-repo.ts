import { SERVICE_OF_CODE, type EnrolRefusal, type TerminalRepo } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';
import { terminalFromRow, type EnrolCodeRow, type TerminalRow } from '../store-rows.js';

type EnrolResult = { ok: true } | { ok: false; refusal: EnrolRefusal; detail: string };

/**
 * Terminals and enrolment codes on SQLite; a code is used and its terminal registered in one
 * transaction. The site is the bureau's name for the place, from the code; the service must match.
 */
export function sqliteTerminalRepo(db: HubDb): TerminalRepo {
  const getTerminal = db.prepare<[string], TerminalRow>('SELECT * FROM terminals WHERE id = ?');
  const getCode = db.prepare<[string], EnrolCodeRow>('SELECT * FROM enrol_codes WHERE code_hash = ?');
  const enrolTx = db.transaction((codeHash: string, t: Parameters<TerminalRepo['enrol']>[1]): EnrolResult => {
    const code = getCode.get(codeHash);
    if (code === undefined) return { ok: false, refusal: 'UNKNOWN_CODE', detail: 'no such enrolment code' };
    if (code.used_ms !== null) return { ok: false, refusal: 'CODE_USED', detail: `this enrolment code was already used (terminal ${code.terminal_id ?? '?'})` };
    if (code.expires_ms <= t.enrolledMs) return { ok: false, refusal: 'CODE_EXPIRED', detail: 'this enrolment code has expired: ask the bureau for a new one' };
    if (t.service !== SERVICE_OF_CODE && code.service !== t.service) {
      return { ok: false, refusal: 'WRONG_PLACE', detail: `this enrolment code is for service "${code.service}" at site "${code.site}", not "${t.service}"` };
    }
    if (getTerminal.get(t.id) !== undefined) return { ok: false, refusal: 'TERMINAL_EXISTS', detail: `terminal id ${t.id} is already enrolled` };
    db.prepare<[number, string, string]>('UPDATE enrol_codes SET used_ms = ?, terminal_id = ? WHERE code_hash = ?').run(t.enrolledMs, t.id, codeHash);
    db.prepare<[string, string, string, string, number]>(
      'INSERT INTO terminals(id, site, service, public_jwk, enrolled_ms) VALUES (?, ?, ?, ?, ?)',
    ).run(t.id, code.site, code.service, JSON.stringify(t.publicJwk), t.enrolledMs);
    return { ok: true };
  });

  return {
    addCode: (c) =>
      settle(() => {
        db.prepare<[string, string, string, number, number]>(
          'INSERT INTO enrol_codes(code_hash, site, service, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)',
        ).run(c.codeHash, c.site, c.service, c.createdMs, c.expiresMs);
      }),
    enrol: (codeHash, terminal) =>
      settle(() => {
        // A guessed code is answered from a plain read (WAL: no lock taken, none waited for);
        // only a code that exists takes the write lock, and the transaction reads it again.
        if (getCode.get(codeHash) === undefined) return { ok: false, refusal: 'UNKNOWN_CODE', detail: 'no such enrolment code' } as const;
        return enrolTx.immediate(codeHash, terminal);
      }),
    get: (id) => settle(() => {
      const row = getTerminal.get(id);
      return row && terminalFromRow(row);
    }),
    list: () => settle(() => db.prepare<[], TerminalRow>('SELECT * FROM terminals ORDER BY id').all().map(terminalFromRow)),
    noteHolding: (id, said) =>
      settle(() => {
        if (said.revocationSeq === undefined && said.pendingUploads === undefined) return;
        db.prepare<[number | null, number | null, string]>('UPDATE terminals SET revocation_seq_held = COALESCE(?, revocation_seq_held), pending_uploads = COALESCE(?, pending_uploads) WHERE id = ?').run(
          said.revocationSeq ?? null,
          said.pendingUploads ?? null,
          id,
        );
      }),
    disable: (id, reason, atMs) =>
      settle(
        () =>
          db.prepare<[number, string, string]>('UPDATE terminals SET disabled_ms = ?, disabled_reason = ? WHERE id = ? AND disabled_ms IS NULL').run(atMs, reason, id)
            .changes === 1,
      ),
    // One writer at a time on SQLite: the unit that reads here already holds the database's write lock.
    lockForIngest: (id) => settle(() => {
      const row = getTerminal.get(id);
      return row && terminalFromRow(row);
    }),
    setCursor: (id, cursor) => settle(() => void db.prepare<[number, string]>('UPDATE terminals SET cursor = MAX(cursor, ?) WHERE id = ?').run(cursor, id)),
    seen: (id, atMs, clockOffsetMs) =>
      settle(() => {
        db.prepare<[number, number | null, string]>(
          'UPDATE terminals SET last_seen_ms = ?, clock_offset_ms = COALESCE(?, clock_offset_ms) WHERE id = ?',
        ).run(atMs, clockOffsetMs, id);
      }),
  };
}
