import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../../hub/console/roster-xlsx.js';

const book = (sheet: string, strings?: string) => zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheet), ...(strings === undefined ? {} : { 'xl/sharedStrings.xml': strToU8(strings) }) });
const MiB = 1024 * 1024;

describe('readXlsxRows against tags that never close (lazy regexes went quadratic on them)', () => {
  it("refuses the review's 1.7 KB workbook of 1 MiB of unclosed <row> (it blocked the event loop 206 s)", () => {
    const bytes = book('<worksheet><sheetData>' + '<row>'.repeat(Math.floor(MiB / 5)));
    expect(bytes.length).toBeLessThan(4096);
    expect(() => readXlsxRows(bytes)).toThrow(/<row> that never closes/);
  }, 60_000);

  it('refuses an unclosed <c>, <v>, <t>, <si>, <rPh> and a tag without its ">"', () => {
    const row = (body: string) => `<sheetData><row r="1">${body}</row></sheetData>`;
    expect(() => readXlsxRows(book(row('<c r="A1">'.repeat(20_000))))).toThrow(/<c> that never closes/);
    expect(() => readXlsxRows(book(row('<c r="A1"><v>1'.repeat(20_000) + '</c>')))).toThrow(/<v> that never closes/);
    expect(() => readXlsxRows(book(row('<c r="A1" t="inlineStr"><is>' + '<t>x'.repeat(20_000) + '</is></c>')))).toThrow(/<t> that never closes/);
    expect(() => readXlsxRows(book('<row r="1"/>', '<sst>' + '<si>'.repeat(20_000)))).toThrow(/<si> that never closes/);
    expect(() => readXlsxRows(book('<row r="1"/>', '<sst><si>' + '<rPh>'.repeat(20_000) + '</si></sst>'))).toThrow(/<rPh> that never closes/);
    expect(() => readXlsxRows(book('<sheetData><row r="1" ' + 'x="1" '.repeat(20_000)))).toThrow(/tag that never ends/);
  }, 60_000);

  it('refuses a sheet that inflates past 8 MiB, below the 16 MiB bound on the whole workbook', () => {
    const sheet = '<sheetData>' + ' '.repeat(9 * MiB) + '</sheetData>';
    expect(() => readXlsxRows(book(sheet))).toThrow(/sheet inflates to more than 8 MiB/);
  }, 60_000);

  it('still reads well-formed rows, self-closed cells and a <cols> next to <c>', () => {
    const sheet = '<worksheet><cols><col min="1" max="2"/></cols><sheetData><row r="1" spans="1:2"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> 王 </t></is></c><c r="B1"/><c r="C1"><v>7</v></c></row><row r="2"/></sheetData></worksheet>';
    expect(readXlsxRows(book(sheet))).toEqual([['王', '', '7'], []]);
  });
});
