import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { excelDay, readXlsxRows } from '../../../hub/console/roster-xlsx.js';

const book = (sheet: string, strings?: string) => zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheet), ...(strings === undefined ? {} : { 'xl/sharedStrings.xml': strToU8(strings) }) });

describe('readXlsxRows (the console roster reader)', () => {
  it('places cells by their reference, keeps skipped rows as empty lines, resolves entities and rich text', () => {
    const sheet = `<worksheet><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>c&amp;d</t></is></c></row>
      <row r="3"><c r="B3" t="s"><v>1</v></c><c r="D3"><v>46082</v></c></row>
    </sheetData></worksheet>`;
    const strings = '<sst><si><t>a&lt;b</t></si><si><r><t>欧阳</t></r><r><t>锋</t></r><rPh><t>オウヨウ</t></rPh></si></sst>';
    expect(readXlsxRows(book(sheet, strings))).toEqual([['a<b', '', 'c&d'], [], ['', '欧阳锋', '', '46082']]);
  });

  it('refuses rows out of order, a row past the bound and a column past 32', () => {
    expect(() => readXlsxRows(book('<row r="2"/><row r="1"/>'))).toThrow(/out of order/);
    expect(() => readXlsxRows(book('<row r="5002"/>'))).toThrow(/more than 5000 holders/);
    expect(() => readXlsxRows(book('<row r="1"><c r="AZ1"><v>1</v></c></row>'))).toThrow(/more than 32 columns/);
  });

  it('stops a 200 MiB zip bomb at the bound without holding it in memory', () => {
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(200 * 1024 * 1024) });
    const before = process.memoryUsage().rss;
    expect(() => readXlsxRows(bomb)).toThrow(/inflates to more than/);
    // Fed whole, the inflater held the 200 MiB output at once (+400 MiB measured).
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('reads a date typed in Excel as its day', () => {
    expect(excelDay('46082')).toBe('2026-03-01');
    expect(excelDay('47907.5')).toBe('2031-02-28');
    expect(excelDay('2026-03-01')).toBeUndefined();
    expect(excelDay('12')).toBeUndefined();
  });
});
