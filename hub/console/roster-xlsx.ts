import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ROSTER_LIMITS } from '../../shared/console/card-api.js';

/** The parts of a workbook a roster needs: the first sheet and the shared strings. */
const SHEET = 'xl/worksheets/sheet1.xml';
const STRINGS = 'xl/sharedStrings.xml';
/** Bytes of the zip handed to the inflater at a time. */
const PUSH_BYTES = 4096;
/** Bytes one part may inflate to: a roster of 5,000 holders is about 1 MiB of sheet XML. */
const MAX_PART_BYTES = 8 * 1024 * 1024;
/** Columns a roster row may use (it needs five). */
const MAX_COLUMNS = 32;

/** Why an .xlsx upload cannot be read, in words for the officer. */
export class XlsxRefused extends Error {}

export interface XlsxLimits {
  maxZipEntries: number;
  maxInflatedBytes: number;
  maxRows: number;
}

/**
 * Inflates the two parts a roster needs, streaming, with bounds checked as the bytes come:
 * at most `maxZipEntries` entries in the zip and `maxInflatedBytes` inflated in all (a zip
 * bomb stops at the bound, not at the end of memory). Other entries are never inflated.
 */
function unzipParts(bytes: Uint8Array, limits: XlsxLimits): Map<string, Uint8Array> {
  const chunks = new Map<string, Uint8Array[]>();
  let entries = 0;
  let inflated = 0;
  let refusal: string | undefined;
  const unzip = new Unzip((file: UnzipFile) => {
    entries += 1;
    if (entries > limits.maxZipEntries) {
      refusal ??= `the workbook has more than ${limits.maxZipEntries} parts: not a roster`;
      return;
    }
    if (file.name !== SHEET && file.name !== STRINGS) return;
    const parts: Uint8Array[] = [];
    let partBytes = 0;
    chunks.set(file.name, parts);
    file.ondata = (error, chunk) => {
      if (error !== null) {
        refusal ??= 'the workbook is damaged (a part does not inflate)';
        return;
      }
      inflated += chunk.length;
      partBytes += chunk.length;
      if (partBytes > MAX_PART_BYTES) {
        refusal ??= `the ${file.name === SHEET ? 'sheet' : 'shared strings part'} inflates to more than ${MAX_PART_BYTES / 1024 / 1024} MiB: not a roster`;
        file.terminate();
        return;
      }
      if (inflated > limits.maxInflatedBytes) {
        refusal ??= `the workbook inflates to more than ${limits.maxInflatedBytes} bytes: not a roster`;
        file.terminate();
        return;
      }
      if (refusal === undefined) parts.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // In small slices: deflate inflates at most ~1,032 times its input, so one slice never
    // inflates past a few MiB before the bound is checked, and a refusal stops the reading.
    for (let at = 0; at < bytes.length && refusal === undefined; at += PUSH_BYTES) {
      unzip.push(bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= bytes.length);
    }
  } catch {
    refusal ??= 'the file is not a readable .xlsx workbook';
  }
  if (refusal !== undefined) throw new XlsxRefused(refusal);
  const out = new Map<string, Uint8Array>();
  for (const [name, parts] of chunks) out.set(name, Buffer.concat(parts));
  return out;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its five entities and character references resolved. */
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return safeChar(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return safeChar(parseInt(e.slice(1), 10));
    return ENTITY[e] ?? '';
  });
}
const safeChar = (code: number): string => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '');

/** Longest start tag accepted (Excel writes under 200 characters); longer ones are refused, not scanned. */
const MAX_TAG = 4096;

/** One element found by `elements`: its attributes, its body ('' when self-closed), and where it ends. */
interface XmlElement {
  start: number;
  attrs: string;
  body: string;
  end: number;
}

/**
 * Every `<name …>…</name>` or `<name …/>` in `xml`, in order, in one pass with indexOf: each
 * search starts where the last one ended, so the work is linear in the text (the lazy regexes
 * this replaced went quadratic on tags that never close: 1 MiB of `<row>` took 206 s). A tag
 * that never ends, one longer than MAX_TAG, or an element that never closes is refused. The
 * elements read here (row, c, v, si, t, rPh) never nest in themselves.
 */
function* elements(xml: string, name: string): Generator<XmlElement> {
  const open = `<${name}`;
  const close = `</${name}>`;
  let at = xml.indexOf(open);
  while (at !== -1) {
    const after = xml.charCodeAt(at + open.length);
    // '>', '/', or XML white space: `<c` must not match `<cols`.
    if (after !== 0x3e && after !== 0x2f && after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d) {
      at = xml.indexOf(open, at + 1);
      continue;
    }
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd === -1 || tagEnd - at > MAX_TAG) throw new XlsxRefused(`the sheet is damaged (a <${name}> tag that never ends)`);
    if (xml.charCodeAt(tagEnd - 1) === 0x2f) {
      yield { start: at, attrs: xml.slice(at + open.length, tagEnd - 1), body: '', end: tagEnd + 1 };
      at = xml.indexOf(open, tagEnd + 1);
      continue;
    }
    const closeAt = xml.indexOf(close, tagEnd + 1);
    if (closeAt === -1) throw new XlsxRefused(`the sheet is damaged (a <${name}> that never closes)`);
    yield { start: at, attrs: xml.slice(at + open.length, tagEnd), body: xml.slice(tagEnd + 1, closeAt), end: closeAt + close.length };
    at = xml.indexOf(open, closeAt + close.length);
  }
}

/** `fragment` without its `<name>` elements. */
function without(fragment: string, name: string): string {
  let out = '';
  let from = 0;
  for (const e of elements(fragment, name)) {
    out += fragment.slice(from, e.start);
    from = e.end;
  }
  return out + fragment.slice(from);
}

/** The text of every `<t>` in a fragment (rich-text runs joined; phonetic runs left out). */
function textOf(fragment: string): string {
  let out = '';
  for (const t of elements(without(fragment, 'rPh'), 't')) out += unescapeXml(t.body);
  return out;
}

/** An attribute's value; `attrs` is at most MAX_TAG long, so the scan is bounded. */
const attr = (attrs: string, name: string): string | undefined => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/** Column index of a cell reference (A1 → 0, AB7 → 27). */
function columnOf(ref: string): number | undefined {
  const letters = /^([A-Z]{1,3})\d+$/.exec(ref)?.[1];
  if (letters === undefined) return undefined;
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

/**
 * Reads the first sheet of an .xlsx roster into rows of cell texts, row i being sheet row i + 1
 * (rows Excel left out are empty). Numbers are given as written in the file (a date typed in
 * Excel is its serial day number: see `excelDay`). Bounded by `limits`; anything else refused
 * with XlsxRefused.
 */
export function readXlsxRows(bytes: Uint8Array, limits: XlsxLimits = { ...ROSTER_LIMITS, maxRows: ROSTER_LIMITS.maxLines + 1 }): string[][] {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new XlsxRefused('the file is not an .xlsx workbook (save it from Excel or WPS as .xlsx, or as CSV UTF-8)');
  }
  const parts = unzipParts(bytes, limits);
  const sheetBytes = parts.get(SHEET);
  if (sheetBytes === undefined) throw new XlsxRefused('the workbook has no first sheet (xl/worksheets/sheet1.xml)');
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const stringsXml = parts.get(STRINGS);
  const strings = stringsXml === undefined ? [] : [...elements(decoder.decode(stringsXml), 'si')].map((si) => textOf(si.body));
  const rows: string[][] = [];
  let next = 1;
  for (const row of elements(decoder.decode(sheetBytes), 'row')) {
    const number = Number(attr(row.attrs, 'r') ?? next);
    if (!Number.isSafeInteger(number) || number < next) throw new XlsxRefused('the sheet is damaged (rows out of order)');
    if (number > limits.maxRows) throw new XlsxRefused(`the sheet has more than ${limits.maxRows - 1} holders (split the roster)`);
    next = number + 1;
    const cells: string[] = [];
    let col = 0;
    for (const cell of elements(row.body, 'c')) {
      const attrs = cell.attrs;
      const ref = attr(attrs, 'r');
      const at = ref === undefined ? col : columnOf(ref);
      if (at === undefined || at >= MAX_COLUMNS) throw new XlsxRefused(`the sheet uses more than ${MAX_COLUMNS} columns: not a roster`);
      col = at + 1;
      const body = cell.body;
      const type = attr(attrs, 't');
      const first = elements(body, 'v').next();
      const v = unescapeXml(first.done === true ? '' : first.value.body);
      let text: string;
      if (type === 's') text = strings[Number(v)] ?? '';
      else if (type === 'inlineStr') text = textOf(body);
      else if (type === 'd') text = v.slice(0, 10);
      else text = v;
      while (cells.length < at) cells.push('');
      cells[at] = text.trim();
    }
    while (rows.length < number - 1) rows.push([]);
    rows.push(cells.some((c) => c !== '') ? cells : []);
  }
  return rows;
}

/** Excel's day 0 in its 1900 date system (day 60 being the 29 February 1900 it pretends existed). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A date cell's serial day number as YYYY-MM-DD (Excel stores the date the officer typed, with no time zone), or undefined. */
export function excelDay(text: string): string | undefined {
  if (!/^\d{5}(\.\d+)?$/.test(text)) return undefined;
  const day = Math.floor(Number(text));
  if (day < 20_000 || day > 100_000) return undefined;
  return new Date(EXCEL_EPOCH_MS + day * 86_400_000).toISOString().slice(0, 10);
}
