/**
 * A QR symbol's format and version information (ISO/IEC 18004 §7.9, §7.10, Annexes C and D):
 * BCH codewords, each written twice. A grid laid on a code reads them back within a few bits;
 * a grid laid wrong (a wrong finder, a wrong version) reads bits that are far from every
 * codeword, so they rank our detector's guesses before any is drawn. Bits are read in the
 * order ZXing's BitMatrixParser reads them (the first read is the most significant).
 */

/** Bit errors BCH(15,5) and the (18,6) Golay code correct: their codewords are 7 and 8 apart. */
export const CORRECTABLE = 3;

const FORMAT_GENERATOR = 0x537;
const FORMAT_MASK = 0x5412;
const VERSION_GENERATOR = 0x1f25;

/** The remainder of `value` (already shifted) divided by `generator` over GF(2). */
function remainder(value: number, generator: number): number {
  const top = 31 - Math.clz32(generator);
  let r = value;
  while (r !== 0 && 31 - Math.clz32(r) >= top) r ^= generator << (31 - Math.clz32(r) - top);
  return r;
}

/** The 32 format codewords (error correction level and mask), masked as written. */
export const FORMAT_CODEWORDS: readonly number[] = Array.from({ length: 32 }, (_, d) => (((d << 10) | remainder(d << 10, FORMAT_GENERATOR)) ^ FORMAT_MASK) >>> 0);

/** The version information codeword of versions 7–40 (none below 7). */
export function versionCodeword(version: number): number {
  return (version << 12) | remainder(version << 12, VERSION_GENERATOR);
}

function popcount(v: number): number {
  let x = v >>> 0;
  let c = 0;
  while (x !== 0) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** Module (x, y) of the symbol is dark. */
export type ModuleReader = (x: number, y: number) => boolean;

/** The module positions of both format copies, in reading order: [x, y] pairs. */
export function formatPositions(n: number): [Array<[number, number]>, Array<[number, number]>] {
  const first: Array<[number, number]> = [];
  for (let i = 0; i < 6; i++) first.push([i, 8]);
  first.push([7, 8], [8, 8], [8, 7]);
  for (let j = 5; j >= 0; j--) first.push([8, j]);
  const second: Array<[number, number]> = [];
  for (let j = n - 1; j >= n - 7; j--) second.push([8, j]);
  for (let i = n - 8; i < n; i++) second.push([i, 8]);
  return [first, second];
}

/** The module positions of both version copies (top-right, bottom-left), in reading order. */
export function versionPositions(n: number): [Array<[number, number]>, Array<[number, number]>] {
  const topRight: Array<[number, number]> = [];
  const bottomLeft: Array<[number, number]> = [];
  for (let j = 5; j >= 0; j--) for (let i = n - 9; i >= n - 11; i--) topRight.push([i, j]);
  for (let i = 5; i >= 0; i--) for (let j = n - 9; j >= n - 11; j--) bottomLeft.push([i, j]);
  return [topRight, bottomLeft];
}

function readBits(positions: ReadonlyArray<[number, number]>, dark: ModuleReader): number {
  let bits = 0;
  for (const [x, y] of positions) bits = ((bits << 1) | (dark(x, y) ? 1 : 0)) >>> 0;
  return bits;
}

/** Both format copies of a symbol `n` modules wide, read through `dark`. */
export function formatCopies(n: number, dark: ModuleReader): [number, number] {
  const [first, second] = formatPositions(n);
  return [readBits(first, dark), readBits(second, dark)];
}

/** The format codeword nearest both copies (its index: level bits and mask, §7.9.1) and the bits they differ from it by, summed. */
export function nearestFormat(first: number, second: number): { index: number; distance: number } {
  let best = { index: 0, distance: 31 };
  FORMAT_CODEWORDS.forEach((codeword, index) => {
    const distance = popcount(first ^ codeword) + popcount(second ^ codeword);
    if (distance < best.distance) best = { index, distance };
  });
  return best;
}

/** How far a grid's information lies from the codewords, in bits (see infoDistance). */
export interface InfoDistance {
  /** The better format copy against its nearest codeword. */
  format: number;
  /** Both format copies against the one codeword nearest both (a code writes the same twice). */
  formatPair: number;
  /** The better version copy against the assumed version's codeword; 0 below version 7. */
  version: number;
}

/**
 * How far (in bits) the grid's format and version information lie from valid codewords,
 * read through `dark`; the version information against the codeword of the version the grid
 * assumes.
 */
export function infoDistance(dark: ModuleReader, version: number): InfoDistance {
  const n = 17 + 4 * version;
  const [f1, f2] = formatCopies(n, dark);
  let format = 15;
  for (const c of FORMAT_CODEWORDS) format = Math.min(format, popcount(f1 ^ c), popcount(f2 ^ c));
  const formatPair = nearestFormat(f1, f2).distance;
  if (version < 7) return { format, formatPair, version: 0 };
  const expected = versionCodeword(version);
  const [v1, v2] = versionPositions(n).map((p) => readBits(p, dark)) as [number, number];
  return { format, formatPair, version: Math.min(popcount(v1 ^ expected), popcount(v2 ^ expected)) };
}

/**
 * The chance that bits read at random would lie as close to the codewords as `info`: both
 * format copies within formatPair of one of 32 codewords (30 bits), and (version 7 and up)
 * one of two version copies within `version` of the one codeword (18 bits). The smaller, the
 * stronger the evidence that the grid lies on a code of that version.
 */
export function infoChance(info: InfoDistance, version: number): number {
  const format = Math.min(1, (FORMAT_CODEWORDS.length * binomialTail(30, info.formatPair)) / 2 ** 30);
  const versions = version < 7 ? 1 : Math.min(1, (2 * binomialTail(18, info.version)) / 2 ** 18);
  return format * versions;
}

/** Σ C(n, i) for i ≤ k. */
function binomialTail(n: number, k: number): number {
  let term = 1;
  let sum = 1;
  for (let i = 1; i <= k; i++) {
    term = (term * (n - i + 1)) / i;
    sum += term;
  }
  return sum;
}
