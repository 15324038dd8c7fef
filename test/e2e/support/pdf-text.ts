import { inflateSync } from 'node:zlib';

/**
 * The text of a card sheet as pdfkit writes it (the machine has no pdftotext): every stream
 * inflated, the font's ToUnicode ranges read, each shown string (`[<hex…>] TJ`) decoded through
 * them, one line each. Enough for "is this card number on the sheet", not a general PDF reader.
 */
export function pdfText(bytes: Buffer): string {
  const streams: string[] = [];
  const source = bytes.toString('latin1');
  for (const m of source.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    try {
      streams.push(inflateSync(bytes.subarray(start, source.indexOf('endstream', start))).toString('latin1'));
    } catch {
      // Not deflated (an image or the font program): no text in it.
    }
  }
  const unicode = new Map<number, string>();
  for (const cmap of streams.filter((s) => s.includes('begincmap'))) {
    for (const r of cmap.matchAll(/<([0-9a-f]{4})>\s*<[0-9a-f]{4}>\s*\[([^\]]*)\]/gi)) {
      [...(r[2] ?? '').matchAll(/<([0-9a-f]+)>/gi)].forEach((d, i) => unicode.set(parseInt(r[1] ?? '0', 16) + i, String.fromCodePoint(parseInt(d[1] ?? '0', 16))));
    }
  }
  const shown = streams
    .filter((s) => !s.includes('begincmap'))
    .flatMap((s) => [...s.matchAll(/\[((?:<[0-9a-f]*>|[^\]<])*)\]\s*TJ/gi)].map((tj) => [...(tj[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1] ?? '').join('')));
  return shown.map((hex) => (hex.match(/.{4}/g) ?? []).map((code) => unicode.get(parseInt(code, 16)) ?? '?').join('')).join('\n');
}
