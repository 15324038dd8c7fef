import { ROSTER_LIMITS, type HolderProblem, type RosterUploadRequest } from '../../shared/console/card-api.js';
import { planCards, type PlannedCard } from '../issue/card-issuer.js';
import { checkRosterRows, splitCsvLine, ROSTER_COLUMNS, type HolderRequest } from '../issue/roster.js';
import type { Hub } from '../hub.js';
import { excelDay, readXlsxRows, XlsxRefused } from './roster-xlsx.js';

/** An upload that cannot be read at all (not a line's problem): too large, not the format it says, garbage. */
export class RosterUnreadable extends Error {
  constructor(
    readonly tooLarge: boolean,
    message: string,
  ) {
    super(message);
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The upload's bytes, within ROSTER_LIMITS.maxFileBytes. */
function decode(data: string): Buffer {
  if (data.length % 4 !== 0 || !BASE64.test(data)) throw new RosterUnreadable(false, 'the upload is not base64');
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length === 0) throw new RosterUnreadable(false, 'the file is empty');
  if (bytes.length > ROSTER_LIMITS.maxFileBytes) throw new RosterUnreadable(true, `the file is larger than ${ROSTER_LIMITS.maxFileBytes / 1024 / 1024} MiB: split the roster`);
  return bytes;
}

/** The rows of a CSV roster (UTF-8 only: Excel's "CSV UTF-8", or the .xlsx itself). */
function csvRows(bytes: Buffer): (string[] | undefined)[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RosterUnreadable(false, 'the CSV is not UTF-8 text: save it as “CSV UTF-8”, or upload the .xlsx');
  }
  if (text.includes('\u0000')) throw new RosterUnreadable(false, 'the file is not CSV text');
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((line) => (line.trim() === '' ? [] : splitCsvLine(line)));
}

/** The rows of an .xlsx roster: short rows padded to the header, dates typed in Excel as YYYY-MM-DD. */
function xlsxRows(bytes: Buffer): string[][] {
  let rows: string[][];
  try {
    rows = readXlsxRows(bytes);
  } catch (error) {
    if (error instanceof XlsxRefused) throw new RosterUnreadable(false, error.message);
    throw error;
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const dateColumns = ['valid_from', 'valid_until'].map((c) => header.indexOf(c)).filter((i) => i >= 0);
  return rows.map((row, i) => {
    if (i === 0 || row.length === 0) return row;
    const padded = [...row, ...Array<string>(Math.max(0, header.length - row.length)).fill('')];
    for (const c of dateColumns) padded[c] = excelDay(padded[c] ?? '') ?? padded[c] ?? '';
    return padded;
  });
}

/** A roster read and checked: every bad line, and the holders planned (tier, keyed hash) when there are none. */
export interface CheckedRoster {
  problems: HolderProblem[];
  holders: HolderRequest[];
  planned: PlannedCard[];
}

/**
 * Reads an uploaded roster (CSV or .xlsx) and runs every check before issue on every line — the
 * line's fields (roster.ts), then tier, validity and a card in force (card-issuer.ts
 * `planCards`) — so the preview lists every bad line and nothing is issued. Throws
 * RosterUnreadable for an upload that is not a roster at all.
 */
export async function checkRosterUpload(hub: Hub, upload: RosterUploadRequest): Promise<CheckedRoster> {
  const bytes = decode(upload.data);
  const rows = upload.format === 'csv' ? csvRows(bytes) : xlsxRows(bytes);
  const lines = rows.slice(1).filter((r) => r === undefined || r.length > 0).length;
  if (lines > ROSTER_LIMITS.maxLines) throw new RosterUnreadable(true, `the roster has more than ${ROSTER_LIMITS.maxLines} holders: split it`);
  const { holders, errors } = checkRosterRows(rows);
  const plan = holders.length === 0 ? { errors: [], planned: [] } : await planCards(hub, holders);
  const problems = [...errors, ...plan.errors].sort((a, b) => a.line - b.line);
  if (problems.length === 0 && lines === 0) problems.push({ line: 1, message: `the roster has no holders below its header (${ROSTER_COLUMNS.join(', ')})` });
  return { problems, holders, planned: plan.planned };
}
