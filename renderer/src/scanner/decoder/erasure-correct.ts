import { FORMAT_CODEWORDS, formatCopies, formatPositions, nearestFormat, versionCodeword, versionPositions } from './function-info.js';
import { blockLayout, LEVEL_OF_BITS } from './qr-blocks.js';
import { functionModules, sideOf } from './qr-layout.js';
import { correctBlock, type Correction } from './reed-solomon.js';

/**
 * A sampled symbol corrected with its unreadable modules named: the detector's grid reads
 * each module's bit and whether the module had any contrast left (module-sample.ts); the
 * codewords holding a module without any are erasures to Reed–Solomon, which then corrects
 * twice as many of them as of errors it has to find itself (reed-solomon.ts). The symbol
 * is handed back with every block corrected, to be drawn clean for the reader, or null.
 */

/** Bits of the two format copies, summed, that the nearest format codeword may differ by. */
const MAX_FORMAT_DISTANCE = 6;
/**
 * The chance (log₂) a symbol's corrections may leave that noise under a grid laid on no
 * code would correct as far: once in 2³² symbols. Each block's share is the error patterns
 * it could have corrected over the checks it left unspent (correctionChance); a card's
 * symbol of several blocks, each with checks to spare, lies far below it, while a
 * one-block symbol with nearly every check spent on erasures is not drawn corrected.
 */
const MAX_CHANCE_LOG2 = -32;

/** Per version: for each data module in placement order, its index (row-major); cached. */
const placements = new Map<number, Int32Array>();

/**
 * The data modules of a version in the order codeword bits are placed (§7.7.3): two-module
 * columns from the bottom-right, upwards then downwards, right module first, around the
 * function patterns and the format and version information.
 */
export function placementOrder(version: number): Int32Array {
  const cached = placements.get(version);
  if (cached !== undefined) return cached;
  const n = sideOf(version);
  const reserved = functionModules(version).map((v) => (v === -1 ? 0 : 1));
  for (const copy of formatPositions(n)) for (const [x, y] of copy) reserved[y * n + x] = 1;
  if (version >= 7) for (const copy of versionPositions(n)) for (const [x, y] of copy) reserved[y * n + x] = 1;
  const order: number[] = [];
  let up = true;
  for (let col = n - 1; col > 0; col -= 2) {
    if (col === 6) col--;
    for (let k = 0; k < n; k++) {
      const row = up ? n - 1 - k : k;
      for (let c = 0; c < 2; c++) {
        const i = row * n + col - c;
        if (reserved[i] === 0) order.push(i);
      }
    }
    up = !up;
  }
  const out = Int32Array.from(order);
  placements.set(version, out);
  return out;
}

/** Whether data mask `mask` (§7.8.2) flips the module at row i, column j. */
function masked(mask: number, i: number, j: number): boolean {
  switch (mask) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i + j) % 2) + ((i * j) % 3)) % 2 === 0;
  }
}

/**
 * log₂ of the chance that a random word of `length` codewords corrects as `c` did with
 * `ecCount` checks: the patterns of c.errors errors among the codewords (C(length, e)·255^e)
 * over the 256^(ecCount − c.erasures) syndromes the erasures left to check them.
 */
function correctionChance(c: Correction, length: number, ecCount: number): number {
  let patterns = 0;
  for (let i = 0; i < c.errors; i++) patterns += Math.log2((length - i) / (i + 1)) + Math.log2(255);
  return patterns - 8 * (ecCount - c.erasures);
}

/** The format information (level bits and mask) both copies read nearest, or null when none lies within MAX_FORMAT_DISTANCE. */
function readFormat(bits: Uint8Array, n: number): number | null {
  const nearest = nearestFormat(...formatCopies(n, (x, y) => bits[y * n + x] === 1));
  return nearest.distance <= MAX_FORMAT_DISTANCE ? nearest.index : null;
}

/**
 * The symbol's bits (1 dark, row-major, as sampleBits reads them) with every block
 * corrected, the codewords holding an `unsure` module (1) given as erasures; null when the
 * format information cannot be read or a block cannot be corrected.
 */
export function erasureCorrected(bits: Uint8Array, unsure: Uint8Array, version: number): Uint8Array | null {
  const n = sideOf(version);
  const format = readFormat(bits, n);
  if (format === null) return null;
  const mask = format & 7;
  const level = LEVEL_OF_BITS[(format >> 3) & 3]!;
  const order = placementOrder(version);
  const total = Math.floor(order.length / 8);
  const codewords = new Uint8Array(total);
  const erased = new Uint8Array(total);
  for (let k = 0; k < total * 8; k++) {
    const i = order[k]!;
    const bit = bits[i]! ^ (masked(mask, Math.floor(i / n), i % n) ? 1 : 0);
    codewords[k >> 3] = codewords[k >> 3]! | (bit << (7 - (k & 7)));
    if (unsure[i] === 1) erased[k >> 3] = 1;
  }
  // De-interleave (§7.6): the i-th data codeword of every block in turn, then the check codewords.
  const { blocks, ecPerBlock, dataPerBlock } = blockLayout(version, level, total);
  const indices: number[][] = Array.from({ length: blocks }, () => []);
  let next = 0;
  const longest = Math.max(...dataPerBlock);
  for (let i = 0; i < longest; i++) for (let b = 0; b < blocks; b++) if (i < dataPerBlock[b]!) indices[b]!.push(next++);
  for (let i = 0; i < ecPerBlock; i++) for (let b = 0; b < blocks; b++) indices[b]!.push(next++);
  let chance = 0;
  for (const at of indices) {
    const block = Uint8Array.from(at, (k) => codewords[k]!);
    const erasures = at.flatMap((k, index) => (erased[k] === 1 ? [index] : []));
    const correction = correctBlock(block, ecPerBlock, erasures);
    if (correction === null) return null;
    chance += correctionChance(correction, block.length, ecPerBlock);
    at.forEach((k, index) => (codewords[k] = block[index]!));
  }
  if (chance > MAX_CHANCE_LOG2) return null;
  const out = bits.slice();
  // The format and version information as their codewords have them, both copies.
  const write = (positions: ReadonlyArray<[number, number]>, codeword: number): void =>
    positions.forEach(([x, y], b) => (out[y * n + x] = (codeword >> (positions.length - 1 - b)) & 1));
  for (const copy of formatPositions(n)) write(copy, FORMAT_CODEWORDS[format]!);
  if (version >= 7) for (const copy of versionPositions(n)) write(copy, versionCodeword(version));
  for (let k = 0; k < total * 8; k++) {
    const i = order[k]!;
    const bit = (codewords[k >> 3]! >> (7 - (k & 7))) & 1;
    out[i] = bit ^ (masked(mask, Math.floor(i / n), i % n) ? 1 : 0);
  }
  return out;
}
