/**
 * The fixed parts of a QR symbol (ISO/IEC 18004 §6.3): finder patterns with their
 * separators, timing patterns, alignment patterns and the dark module. They carry no data,
 * so a re-drawn symbol can have them drawn as the standard places them.
 */

/** Modules per side of a version (1–40). */
export function sideOf(version: number): number {
  return 17 + 4 * version;
}

/** Row/column indices of the alignment patterns' centres (Annex E); none for version 1. */
export function alignmentCoordinates(version: number): number[] {
  if (version < 2) return [];
  const n = sideOf(version);
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.floor((version * 4 + count * 2 + 1) / (2 * count - 2)) * 2;
  const out = [6];
  for (let pos = n - 7; out.length < count; pos -= step) out.splice(1, 0, pos);
  return out;
}

/** Alignment centres (column, row), the three that would overlap a finder left out. */
export function alignmentCentres(version: number): Array<[number, number]> {
  const coords = alignmentCoordinates(version);
  const last = coords.length - 1;
  const out: Array<[number, number]> = [];
  coords.forEach((row, i) =>
    coords.forEach((col, j) => {
      const onFinder = (i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0);
      if (!onFinder) out.push([col, row]);
    }),
  );
  return out;
}

/** Per module (row-major): 1 dark or 0 light where a function pattern fixes it, −1 elsewhere. */
export function functionModules(version: number): Int8Array {
  const n = sideOf(version);
  const out = new Int8Array(n * n).fill(-1);
  const set = (x: number, y: number, dark: boolean): void => {
    if (x >= 0 && y >= 0 && x < n && y < n) out[y * n + x] = dark ? 1 : 0;
  };
  for (const [fx, fy] of [
    [0, 0],
    [n - 7, 0],
    [0, n - 7],
  ] as const) {
    for (let y = -1; y <= 7; y++) {
      for (let x = -1; x <= 7; x++) {
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        set(fx + x, fy + y, ring !== 2 && ring !== 4);
      }
    }
  }
  for (let i = 8; i < n - 8; i++) {
    set(i, 6, i % 2 === 0);
    set(6, i, i % 2 === 0);
  }
  for (const [cx, cy] of alignmentCentres(version)) {
    for (let y = -2; y <= 2; y++) for (let x = -2; x <= 2; x++) set(cx + x, cy + y, Math.max(Math.abs(x), Math.abs(y)) !== 1);
  }
  set(8, n - 8, true);
  return out;
}

/**
 * How well the values read along a timing line (modules 8 … n − 9, `valueAt(i)`) follow the
 * line's alternation, dark on even modules: their correlation with it, −1 to 1 (0 when flat).
 */
export function alternation(n: number, valueAt: (i: number) => number): number {
  let sum = 0;
  let sumSquares = 0;
  let dot = 0;
  let count = 0;
  for (let i = 8; i < n - 8; i++) {
    const value = valueAt(i);
    sum += value;
    sumSquares += value * value;
    dot += i % 2 === 0 ? -value : value;
    count++;
  }
  if (count === 0) return 0;
  const mean = sum / count;
  const square = sumSquares - count * mean * mean;
  // Σ sign·(v − mean) = Σ sign·v − mean·Σ sign; the line starts on module 8, dark (−1).
  const signs = count % 2 === 0 ? 0 : -1;
  return square > 1e-9 ? (dot - mean * signs) / Math.sqrt(square * count) : 0;
}
