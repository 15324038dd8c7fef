/**
 * A QR symbol's error-correction blocks (ISO/IEC 18004 §7.5.1, Table 9): for each version
 * 1–40, at levels L, M, Q, H in turn, the number of blocks and the error-correction
 * codewords in each.
 */
const TABLE: ReadonlyArray<readonly number[]> = [
  [1, 7, 1, 10, 1, 13, 1, 17],
  [1, 10, 1, 16, 1, 22, 1, 28],
  [1, 15, 1, 26, 2, 18, 2, 22],
  [1, 20, 2, 18, 2, 26, 4, 16],
  [1, 26, 2, 24, 4, 18, 4, 22],
  [2, 18, 4, 16, 4, 24, 4, 28],
  [2, 20, 4, 18, 6, 18, 5, 26],
  [2, 24, 4, 22, 6, 22, 6, 26],
  [2, 30, 5, 22, 8, 20, 8, 24],
  [4, 18, 5, 26, 8, 24, 8, 28],
  [4, 20, 5, 30, 8, 28, 11, 24],
  [4, 24, 8, 22, 10, 26, 11, 28],
  [4, 26, 9, 22, 12, 24, 16, 22],
  [4, 30, 9, 24, 16, 20, 16, 24],
  [6, 22, 10, 24, 12, 30, 18, 24],
  [6, 24, 10, 28, 17, 24, 16, 30],
  [6, 28, 11, 28, 16, 28, 19, 28],
  [6, 30, 13, 26, 18, 28, 21, 28],
  [7, 28, 14, 26, 21, 26, 25, 26],
  [8, 28, 16, 26, 20, 30, 25, 28],
  [8, 28, 17, 26, 23, 28, 25, 30],
  [9, 28, 17, 28, 23, 30, 34, 24],
  [9, 30, 18, 28, 25, 30, 30, 30],
  [10, 30, 20, 28, 27, 30, 32, 30],
  [12, 26, 21, 28, 29, 30, 35, 30],
  [12, 28, 23, 28, 34, 28, 37, 30],
  [12, 30, 25, 28, 34, 30, 40, 30],
  [13, 30, 26, 28, 35, 30, 42, 30],
  [14, 30, 28, 28, 38, 30, 45, 30],
  [15, 30, 29, 28, 40, 30, 48, 30],
  [16, 30, 31, 28, 43, 30, 51, 30],
  [17, 30, 33, 28, 45, 30, 54, 30],
  [18, 30, 35, 28, 48, 30, 57, 30],
  [19, 30, 37, 28, 51, 30, 60, 30],
  [19, 30, 38, 28, 53, 30, 63, 30],
  [20, 30, 40, 28, 56, 30, 66, 30],
  [21, 30, 43, 28, 59, 30, 70, 30],
  [22, 30, 45, 28, 62, 30, 74, 30],
  [24, 30, 47, 28, 65, 30, 77, 30],
  [25, 30, 49, 28, 68, 30, 81, 30],
];

/** Error-correction levels in the table's order. */
export type EcLevel = 'L' | 'M' | 'Q' | 'H';
const COLUMN: Record<EcLevel, number> = { L: 0, M: 2, Q: 4, H: 6 };

/** The level a format codeword's two level bits stand for (§7.9.1: L 01, M 00, Q 11, H 10). */
export const LEVEL_OF_BITS: readonly EcLevel[] = ['M', 'L', 'H', 'Q'];

/** A symbol's blocks: how many, the error-correction codewords of each, the data codewords of each (short blocks first). */
export interface BlockLayout {
  blocks: number;
  ecPerBlock: number;
  dataPerBlock: number[];
}

/** The blocks of a version at a level, its `totalCodewords` split among them (§7.6). */
export function blockLayout(version: number, level: EcLevel, totalCodewords: number): BlockLayout {
  const row = TABLE[version - 1]!;
  const blocks = row[COLUMN[level]]!;
  const ecPerBlock = row[COLUMN[level] + 1]!;
  const long = totalCodewords % blocks;
  const short = Math.floor(totalCodewords / blocks) - ecPerBlock;
  return { blocks, ecPerBlock, dataPerBlock: Array.from({ length: blocks }, (_, b) => short + (b >= blocks - long ? 1 : 0)) };
}
