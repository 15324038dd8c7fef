import type Database from 'better-sqlite3';

/**
 * SQLite's integrity_check: undefined when the file is sound, else its first complaints on one
 * line. Unlike quick_check it also compares every index with its table, so one changed byte in
 * an index quotas search (`usage_card`) is found; it reads the whole file (see README for the cost).
 */
export function integrityCheck(db: Database.Database): string | undefined {
  let lines: string[];
  try {
    lines = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (error) {
    // A page so damaged that the check itself cannot read it.
    lines = [error instanceof Error ? error.message : String(error)];
  }
  if (lines.length === 0 || (lines.length === 1 && lines[0] === 'ok')) return undefined;
  // Each complaint may start with a "*** in database main ***" header line: one line, the header dropped.
  const text = lines
    .join('\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\*\*\* in database \w+ \*\*\*$/.test(line));
  return text.slice(0, 3).join('; ') || 'damaged';
}
