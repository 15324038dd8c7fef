import { z } from 'zod';
import { idNumberProblem, nameProblem, normalizeIdNumber, normalizeName } from './holder-data.js';
import { parseValidFrom, parseValidUntil } from './validity.js';

/** Columns a roster must have (any order; a header line names them). */
export const ROSTER_COLUMNS = ['name', 'id_number', 'category', 'valid_from', 'valid_until'] as const;

/** One holder to issue a card to, checked. */
export interface HolderRequest {
  /** Line in the file (1 is the header), for messages. */
  line: number;
  name: string;
  idNumber: string;
  category: number;
  nbfMs: number;
  expMs: number;
}

/** A roster line that cannot be issued, with why. */
export interface RosterError {
  line: number;
  message: string;
}

const categorySchema = z.coerce.number().int().min(1).max(5);

/**
 * A typed value shown back in a message only when it could be what the column holds (a short
 * date or category): an ID number put in the wrong column is never echoed (PIPL, least data).
 */
const shown = (value: string, max: number): string => (value.length <= max && /^[\d./\- ]*$/.test(value) ? `"${value}"` : `(${[...value].length} characters)`);

/** Splits one CSV line (RFC 4180 quotes; a quoted field may hold commas and doubled quotes). */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** Checks one holder's fields; the same checks serve the roster and `issue --name …`. */
export function checkHolder(
  line: number,
  raw: { name: string; idNumber: string; category: string; validFrom: string; validUntil: string },
): { ok: true; holder: HolderRequest } | { ok: false; errors: RosterError[] } {
  const errors: string[] = [];
  const nameIssue = nameProblem(raw.name);
  if (nameIssue) errors.push(nameIssue);
  const idIssue = idNumberProblem(raw.idNumber);
  if (idIssue) errors.push(idIssue);
  const category = categorySchema.safeParse(raw.category);
  if (!category.success) errors.push(`category must be 1–5 (Art. 5), not ${shown(raw.category, 3)}`);
  const nbfMs = parseValidFrom(raw.validFrom);
  if (nbfMs === undefined) errors.push(`valid_from ${shown(raw.validFrom, 10)} is not a date (YYYY-MM-DD)`);
  const expMs = parseValidUntil(raw.validUntil);
  if (expMs === undefined) errors.push(`valid_until ${shown(raw.validUntil, 10)} is not a date (YYYY-MM-DD)`);
  if (errors.length > 0 || !category.success || nbfMs === undefined || expMs === undefined) {
    return { ok: false, errors: errors.map((message) => ({ line, message })) };
  }
  return { ok: true, holder: { line, name: normalizeName(raw.name), idNumber: normalizeIdNumber(raw.idNumber), category: category.data, nbfMs, expMs } };
}

/**
 * Reads a roster CSV (UTF-8, with or without BOM; a header line with the columns of
 * ROSTER_COLUMNS in any order; blank lines skipped). Every bad line is reported with its
 * number; the good lines are returned too, so the caller decides whether to go on.
 */
export function parseRoster(text: string): { holders: HolderRequest[]; errors: RosterError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  return checkRosterRows(lines.map((line) => (line.trim() === '' ? [] : splitCsvLine(line))));
}

/**
 * Checks a roster's rows, however read (CSV lines, an .xlsx sheet's rows): row i is line i + 1,
 * the first the header; an empty row is skipped, `undefined` is a row that could not be read
 * (an unclosed quote). Every bad line is reported; the good ones are returned too.
 */
export function checkRosterRows(rows: readonly (readonly string[] | undefined)[]): { holders: HolderRequest[]; errors: RosterError[] } {
  const header = rows[0]?.map((h) => h.trim().toLowerCase().replace(/^\uFEFF/, ''));
  const missing = ROSTER_COLUMNS.filter((c) => !header?.includes(c));
  if (header === undefined || missing.length > 0) {
    return { holders: [], errors: [{ line: 1, message: `header must name the columns ${ROSTER_COLUMNS.join(', ')} (missing: ${missing.join(', ')})` }] };
  }
  const col = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof ROSTER_COLUMNS)[number], number>;
  const holders: HolderRequest[] = [];
  const errors: RosterError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((fields, index) => {
    const line = index + 1;
    if (index === 0 || fields?.length === 0) return;
    if (fields === undefined) return void errors.push({ line, message: 'unclosed quote' });
    if (fields.length !== header.length) return void errors.push({ line, message: `expected ${header.length} fields, found ${fields.length}` });
    const get = (c: (typeof ROSTER_COLUMNS)[number]) => fields[col[c]] ?? '';
    const checked = checkHolder(line, { name: get('name'), idNumber: get('id_number'), category: get('category'), validFrom: get('valid_from'), validUntil: get('valid_until') });
    if (!checked.ok) return void errors.push(...checked.errors);
    const earlier = seen.get(checked.holder.idNumber);
    if (earlier !== undefined) return void errors.push({ line, message: `the same ID number is already on line ${earlier}` });
    seen.set(checked.holder.idNumber, line);
    holders.push(checked.holder);
  });
  return { holders, errors };
}
