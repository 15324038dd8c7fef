import { beforeAll, describe, expect, it } from 'vitest';
import { readBarcodes } from 'zxing-wasm/reader';
import type { RgbaImage } from '../../renderer/src/scanner/decoder/grey-image.js';
import type { PassKind } from '../../renderer/src/scanner/decoder/read-qr.js';
import { READER_OPTIONS } from '../../renderer/src/scanner/decoder/reader-options.js';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';
import { prepareZxing, zxingReader } from './zxing-reader.js';

/**
 * The Micro QR symbol (M1, "28005") zxing-wasm's QR family found in the grid the detector
 * re-drew from a generated dim-counter frame's noise, where a card's code was: 11 × 11
 * modules, '#' dark, as the reader saw it (turned a quarter, its finder bottom-left).
 */
const MICRO_QR_FROM_NOISE = [
  '.####.##.##',
  '..##.#..#.#',
  '##....##.#.',
  '........#.#',
  '#######.#..',
  '#.....#.#..',
  '#.###.#....',
  '#.###.#...#',
  '#.###.#...#',
  '#.....#..#.',
  '#######.#.#',
];

/** Dark modules (true) drawn `px` pixels a side on white, with a quiet zone of `quiet` modules. */
function draw(dark: (x: number, y: number) => boolean, size: number, px: number, quiet: number): RgbaImage {
  const side = (size + 2 * quiet) * px;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / px) - quiet;
      const my = Math.floor(y / px) - quiet;
      if (mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my)) data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return { width: side, height: side, data };
}

const PASSES = Object.keys(READER_OPTIONS) as PassKind[];

describe('the reader looks for the QR Code a card is printed in, and no other symbol of its family', () => {
  beforeAll(prepareZxing);

  it('reads nothing from a Micro QR, which the whole QR family reads as "28005"', async () => {
    const micro = draw((x, y) => MICRO_QR_FROM_NOISE[y]![x] === '#', 11, 6, 2);
    // The symbol is genuine: the family the options used to name reads it.
    const family = await readBarcodes(micro, { formats: ['QRCode'], tryHarder: false, tryDownscale: false, maxNumberOfSymbols: 1 });
    expect(family.map((r) => [r.format, r.text])).toEqual([['MicroQRCode', '28005']]);
    const read = zxingReader();
    for (const pass of PASSES) expect(await read(micro, pass)).toBeNull();
  });

  it('reads a card’s token in every pass', async () => {
    const token = loadCardTokens()[0]!;
    const { size, data } = qrModules(token);
    const card = draw((x, y) => data[y * size + x] === 1, size, 3, 4);
    const read = zxingReader();
    for (const pass of PASSES) expect(await read(card, pass)).toBe(token);
  });
});
