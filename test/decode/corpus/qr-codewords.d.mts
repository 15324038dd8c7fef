/** Where a level-M QR symbol's codewords lie (ISO/IEC 18004 §7.6–7.7). */
export interface CodewordLayout {
  n: number;
  version: number;
  blocks: number;
  ecPerBlock: number;
  /** Codewords in error one block corrects: ⌊ecPerBlock/2⌋. */
  correctable: number;
  totalCodewords: number;
  /** Per module: its codeword's block, or -1 (function pattern, remainder bit). */
  blockOf: Int16Array;
  /** Per module: its codeword, or -1. */
  codewordOf: Int16Array;
  blockOfCodeword: number[];
}
export function codewordLayout(n: number): CodewordLayout;
export function withinCorrection(n: number, lost: Uint8Array): { ok: boolean; worstBlock: number; correctable: number; lostCodewords: number; totalCodewords: number };
