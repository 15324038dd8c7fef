import { SERVICE_OF_CODE, type EnrolRefusal, type StoredTerminal, type TerminalRepo } from '../hub-store.js';
import { jwkColumn } from '../sqlite/row-parsers.js';
import { changes, first, rows, type Sql } from './pg-unit-of-work.js';

interface TerminalRow {
  id: string;
  site: string;
  service: string;
  public_jwk: string;
  enrolled_ms: number;
  disabled_ms: number | null;
  disabled_reason: string | null;
  last_seen_ms: number | null;
  clock_offset_ms: number | null;
  cursor: number;
  revocation_seq_held: number | null;
}

interface CodeRow {
  code_hash: string;
  site: string;
  service: string;
  expires_ms: number;
  used_ms: number | null;
  terminal_id: string | null;
}

const fromRow = (r: TerminalRow): StoredTerminal => ({
  id: r.id,
  site: r.site,
  service: r.service,
  publicJwk: jwkColumn(r.public_jwk),
  enrolledMs: r.enrolled_ms,
  disabledMs: r.disabled_ms,
  disabledReason: r.disabled_reason,
  lastSeenMs: r.last_seen_ms,
  clockOffsetMs: r.clock_offset_ms,
  cursor: r.cursor,
  revocationSeqHeld: r.revocation_seq_held,
});

type EnrolResult = { ok: true } | { ok: false; refusal: EnrolRefusal; detail: string };

/**
 * Terminals and enrolment codes on PostgreSQL. Enrolment locks the code's row, so of two
 * enrolments with one code (from any process) the second reads it used; a terminal id is
 * unique by its primary key.
 */
export function pgTerminalRepo(sql: Sql): TerminalRepo {
  const get = async (id: string, lock = false) => {
    const row = await first<TerminalRow>(sql, `SELECT * FROM terminals WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row && fromRow(row);
  };
  return {
    addCode: async (c) => {
      await sql.query('INSERT INTO enrol_codes(code_hash, site, service, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5)', [c.codeHash, c.site, c.service, c.createdMs, c.expiresMs]);
    },
    enrol: async (codeHash, t): Promise<EnrolResult> => {
      const code = await first<CodeRow>(sql, 'SELECT * FROM enrol_codes WHERE code_hash = $1 FOR UPDATE', [codeHash]);
      if (code === undefined) return { ok: false, refusal: 'UNKNOWN_CODE', detail: 'no such enrolment code' };
      if (code.used_ms !== null) return { ok: false, refusal: 'CODE_USED', detail: `this enrolment code was already used (terminal ${code.terminal_id ?? '?'})` };
      if (code.expires_ms <= t.enrolledMs) return { ok: false, refusal: 'CODE_EXPIRED', detail: 'this enrolment code has expired: ask the bureau for a new one' };
      if (t.service !== SERVICE_OF_CODE && code.service !== t.service) {
        return { ok: false, refusal: 'WRONG_PLACE', detail: `this enrolment code is for service "${code.service}" at site "${code.site}", not "${t.service}"` };
      }
      if ((await get(t.id)) !== undefined) return { ok: false, refusal: 'TERMINAL_EXISTS', detail: `terminal id ${t.id} is already enrolled` };
      await sql.query('UPDATE enrol_codes SET used_ms = $1, terminal_id = $2 WHERE code_hash = $3', [t.enrolledMs, t.id, codeHash]);
      await sql.query('INSERT INTO terminals(id, site, service, public_jwk, enrolled_ms) VALUES ($1, $2, $3, $4, $5)', [t.id, code.site, code.service, JSON.stringify(t.publicJwk), t.enrolledMs]);
      return { ok: true };
    },
    get: (id) => get(id),
    list: async () => (await rows<TerminalRow>(sql, 'SELECT * FROM terminals ORDER BY id')).map(fromRow),
    noteRevocationsHeld: async (id, seq) => {
      await sql.query('UPDATE terminals SET revocation_seq_held = $1 WHERE id = $2', [seq, id]);
    },
    disable: async (id, reason, atMs) => (await changes(sql, 'UPDATE terminals SET disabled_ms = $1, disabled_reason = $2 WHERE id = $3 AND disabled_ms IS NULL', [atMs, reason, id])) === 1,
    seen: async (id, atMs, clockOffsetMs) => {
      await sql.query('UPDATE terminals SET last_seen_ms = $1, clock_offset_ms = COALESCE($2, clock_offset_ms) WHERE id = $3', [atMs, clockOffsetMs, id]);
    },
    lockForIngest: (id) => get(id, true),
    setCursor: async (id, cursor) => {
      await sql.query('UPDATE terminals SET cursor = $1 WHERE id = $2 AND cursor < $1', [cursor, id]);
    },
  };
}
