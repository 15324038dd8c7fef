import { describe, expect, it } from 'vitest';
import { parseRoster, splitCsvLine } from '../../../hub/issue/roster.js';
import { at, idNumber } from '../hub-fixtures.js';

const header = 'name,id_number,category,valid_from,valid_until';

describe('parseRoster', () => {
  it('reads a UTF-8 roster with BOM and CRLF, dates as Shanghai days (valid_until inclusive)', () => {
    const text = `\uFEFF${header}\r\n张三明,${idNumber(1)},2,2026-03-01,2031-02-28\r\n李晓华,${idNumber(2)},3,2026/03/01,2031/2/28\r\n`;
    const { holders, errors } = parseRoster(text);
    expect(errors).toEqual([]);
    expect(holders).toHaveLength(2);
    expect(holders[0]).toMatchObject({ line: 2, name: '张三明', idNumber: idNumber(1), category: 2, nbfMs: at('2026-03-01T00:00:00+08:00'), expMs: at('2031-03-01T00:00:00+08:00') });
    expect(holders[1]?.expMs).toBe(at('2031-03-01T00:00:00+08:00'));
  });

  it('reads the columns in any order and quoted fields', () => {
    const text = `valid_until,valid_from,category,id_number,name\n2031-02-28,2026-03-01,4,${idNumber(3)},"Smith, John"\n`;
    const { holders, errors } = parseRoster(text);
    expect(errors).toEqual([]);
    expect(holders[0]).toMatchObject({ name: 'Smith, John', category: 4 });
  });

  it('reports every bad line with its number and what is wrong, and keeps the good ones', () => {
    const lines = [
      header,
      `张三明,${idNumber(1)},2,2026-03-01,2031-02-28`,
      `李晓华,${idNumber(2)},6,2026-03-01,2031-02-28`,
      `王芳,${idNumber(3)},3,2026-02-30,2031-02-28`,
      `赵强,12345,3,2026-03-01,2031-02-28`,
      `钱多,${idNumber(1)},3,2026-03-01,2031-02-28`,
      `孙悟空,${idNumber(6)},3,2026-03-01`,
      '',
      `周"杰,${idNumber(8)},2,2026-03-01,2031-02-28`,
    ];
    const { holders, errors } = parseRoster(lines.join('\n'));
    expect(holders.map((h) => h.line)).toEqual([2]);
    const byLine = Object.fromEntries(errors.map((e) => [e.line, e.message]));
    expect(byLine[3]).toMatch(/category must be 1–5/);
    expect(byLine[4]).toMatch(/valid_from "2026-02-30"/);
    expect(byLine[5]).toMatch(/6–32 letters and digits/);
    expect(byLine[6]).toMatch(/already on line 2/);
    expect(byLine[7]).toMatch(/expected 5 fields, found 4/);
    expect(byLine[9]).toMatch(/letters/);
    expect(byLine[8]).toBeUndefined();
    expect(errors.some((e) => e.message.includes(idNumber(1)))).toBe(false);
  });

  it('refuses a roster whose header lacks a column', () => {
    const { holders, errors } = parseRoster(`name,id_number,category,valid_from\n张三明,${idNumber(1)},2,2026-03-01`);
    expect(holders).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: expect.stringMatching(/missing: valid_until/) as unknown }]);
  });

  it('splits quotes per RFC 4180 and notices an unclosed one', () => {
    expect(splitCsvLine('a,"b,""c""",d')).toEqual(['a', 'b,"c"', 'd']);
    expect(splitCsvLine('a,"b')).toBeUndefined();
  });
});
