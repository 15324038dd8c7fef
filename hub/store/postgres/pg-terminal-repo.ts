import { SERVICE_OF_CODE, type EnrolRefusal, type TerminalRepo } from '../hub-store.js';
import { changes, first, rows, type Sql } from './pg-unit-of-work.js';
import { terminalFromRow, type EnrolCodeRow, type TerminalRow } from '../store-rows.js';

type EnrolResult = { ok: true } | { ok: false; refusal: EnrolRefusal; detail: string };

/**
 * Terminals and enrolment codes on PostgreSQL. Enrolment locks the code's row, so of two
 * enrolments with one code (from any process) the second reads it used; a terminal id is
 * unique by its primary key.
 */
export function pgTerminalRepo(sql: Sql): TerminalRepo {
  const get = async (id: string, lock = false) => {
    const row = await first<TerminalRow>(sql, `SELECT * FROM terminals WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row && terminalFromRow(row);
  };
  return {
    addCode: async (c) => {
      await sql.query('INSERT INTO enrol_codes(code_hash, site, service, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5)', [c.codeHash, c.site, c.service, c.createdMs, c.expiresMs]);
    },
    enrol: async (codeHash, t): Promise<EnrolResult> => {
      const code = await first<EnrolCodeRow>(sql, 'SELECT * FROM enrol_codes WHERE code_hash = $1 FOR UPDATE', [codeHash]);
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
    list: async () => (await rows<TerminalRow>(sql, 'SELECT * FROM terminals ORDER BY id')).map(terminalFromRow),
    noteHolding: async (id, said) => {
      if (said.revocationSeq === undefined && said.pendingUploads === undefined) return;
      await sql.query('UPDATE terminals SET revocation_seq_held = COALESCE($1, revocation_seq_held), pending_uploads = COALESCE($2, pending_uploads) WHERE id = $3', [
        said.revocationSeq ?? null,
        said.pendingUploads ?? null,
        id,
      ]);
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
