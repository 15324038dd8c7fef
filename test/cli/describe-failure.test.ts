import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeFailure } from '../../electron/cli/main.js';
import { InvalidFieldError } from '../../shared/request-fields.js';

const sqliteError = (code: string): Error => Object.assign(new Error(`${code} happened`), { code });

describe('describeFailure', () => {
  it('answers SQLite extended result codes by their primary code, never "internal error"', () => {
    const cases: [string, RegExp][] = [
      ['SQLITE_READONLY_DBMOVED', /cannot write/],
      ['SQLITE_READONLY_DIRECTORY', /cannot write/],
      ['SQLITE_CANTOPEN_ISDIR', /cannot (open|write)/],
      ['SQLITE_IOERR_SHORT_READ', /could not read or write .*disk/],
      ['SQLITE_IOERR', /could not read or write .*disk/],
      ['SQLITE_BUSY_SNAPSHOT', /busy/],
      ['SQLITE_LOCKED', /busy/],
      ['SQLITE_CORRUPT_INDEX', /damaged/],
      ['SQLITE_FULL', /disk is full/],
    ];
    for (const [code, text] of cases) {
      const line = describeFailure(sqliteError(code), 'en');
      expect(line, code).toMatch(text);
      expect(line, code).not.toMatch(/internal error/);
      expect(line, code).toContain(code);
    }
  });

  it('keeps a validation failure or a multi-line message to one short line', () => {
    const parsed = z.strictObject({ body: z.string().max(4) }).safeParse({ body: 'x'.repeat(17_000), other: 1 });
    if (parsed.success) throw new Error('parsed');
    for (const error of [parsed.error, new Error(`first\n${'second\n'.repeat(30)}`), new Error('y'.repeat(20_000))]) {
      const line = describeFailure(error, 'en');
      expect(line).not.toContain('\n');
      expect(line.length).toBeLessThan(400);
    }
  });

  it("answers the core's refusal of a field out of bounds in its own words, not as an internal error", () => {
    const line = describeFailure(new InvalidFieldError('ticket'), 'en');
    expect(line).toBe('ticket is out of bounds (at most 64 characters on one line, no control characters); nothing was recorded');
  });
});
