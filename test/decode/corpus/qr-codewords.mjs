/**
 * Which Reed–Solomon block each module of a QR symbol (error correction M) belongs to,
 * as ISO/IEC 18004 §7.6–7.7 places them: codewords are interleaved across the blocks,
 * then laid in two-module columns from the bottom-right corner, around the function
 * patterns (finders, timing, alignment, format and version). Used to bound what the
 * corpus may destroy: a block of `ec` error-correction codewords corrects ⌊ec/2⌋
 * codewords in error (ZXing decodes errors, not erasures), about 15% of the symbol at M.
 * Node only (uses the qrcode package's tables).
 */
import { createRequire } from 'node:module';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
const ECCode = require('qrcode/lib/core/error-correction-code.js');
const Utils = require('qrcode/lib/core/utils.js');
const ECLevel = require('qrcode/lib/core/error-correction-level.js');

const layouts = new Map();

/**
 * The layout of a symbol `n` modules wide at level M: `blockOf[module]` is the block of
 * the codeword the module carries (-1 for function patterns and remainder bits),
 * `codewordOf[module]` that codeword's index (-1 likewise), `correctable` the codewords in
 * error each block can correct.
 */
export function codewordLayout(n) {
  const cached = layouts.get(n);
  if (cached) return cached;
  const version = (n - 17) / 4;
  if (!Number.isInteger(version) || version < 1 || version > 40) throw new Error(`no QR version is ${n} modules wide`);
  // Any symbol of this version has the same function patterns.
  const { modules } = QRCode.create('0', { version, errorCorrectionLevel: 'M' });
  const total = Utils.getSymbolTotalCodewords(version);
  const ecTotal = ECCode.getTotalCodewordsCount(version, ECLevel.M);
  const blocks = ECCode.getBlocksCount(version, ECLevel.M);
  const ecPerBlock = ecTotal / blocks;
  const longBlocks = total % blocks;
  const shortData = Math.floor(total / blocks) - ecPerBlock;
  const dataOf = (b) => shortData + (b >= blocks - longBlocks ? 1 : 0);
  // Interleaving: the i-th data codeword of every block in turn, then the EC codewords.
  const blockOfCodeword = [];
  for (let i = 0; i <= shortData; i++) for (let b = 0; b < blocks; b++) if (i < dataOf(b)) blockOfCodeword.push(b);
  for (let i = 0; i < ecPerBlock; i++) for (let b = 0; b < blocks; b++) blockOfCodeword.push(b);

  const blockOf = new Int16Array(n * n).fill(-1);
  const codewordOf = new Int16Array(n * n).fill(-1);
  let bit = 0;
  let up = true;
  for (let col = n - 1; col > 0; col -= 2) {
    if (col === 6) col--;
    for (let k = 0; k < n; k++) {
      const row = up ? n - 1 - k : k;
      for (let c = 0; c < 2; c++) {
        const i = row * n + col - c;
        if (modules.reservedBit[i]) continue;
        const codeword = bit >> 3;
        if (codeword < total) {
          codewordOf[i] = codeword;
          blockOf[i] = blockOfCodeword[codeword];
        }
        bit++;
      }
    }
    up = !up;
  }
  const layout = { n, version, blocks, ecPerBlock, correctable: Math.floor(ecPerBlock / 2), totalCodewords: total, blockOf, codewordOf, blockOfCodeword };
  layouts.set(n, layout);
  return layout;
}

/**
 * Whether a symbol with the modules in `lost` (1 = unreadable) can still be decoded: every
 * block has at most ⌊ec/2⌋ codewords with a lost module. Returns the worst block's count too.
 */
export function withinCorrection(n, lost) {
  const layout = codewordLayout(n);
  const hit = new Set();
  for (let i = 0; i < lost.length; i++) if (lost[i] && layout.codewordOf[i] >= 0) hit.add(layout.codewordOf[i]);
  const perBlock = new Array(layout.blocks).fill(0);
  for (const codeword of hit) perBlock[layout.blockOfCodeword[codeword]]++;
  const worst = Math.max(0, ...perBlock);
  return { ok: worst <= layout.correctable, worstBlock: worst, correctable: layout.correctable, lostCodewords: hit.size, totalCodewords: layout.totalCodewords };
}
