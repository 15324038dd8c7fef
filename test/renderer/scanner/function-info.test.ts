import { describe, expect, it } from 'vitest';
import { FORMAT_CODEWORDS, infoChance, infoDistance, versionCodeword } from '../../../renderer/src/scanner/decoder/function-info.js';
import { loadCardTokens, qrModules } from '../../decode/corpus/build-corpus.mjs';

/** The four real card codes (versions 14, 16, 18, 19 at level M). */
const codes = loadCardTokens().map((token) => qrModules(token));
const reader = (m: { size: number; data: Uint8Array }, flip: ReadonlySet<string> = new Set(), dx = 0) => (x: number, y: number): boolean => {
  const xx = x + dx;
  const dark = xx >= 0 && xx < m.size && m.data[y * m.size + xx] === 1;
  return flip.has(`${x},${y}`) ? !dark : dark;
};

describe('format and version information (ISO/IEC 18004 Annexes C and D)', () => {
  it('computes the standard codewords', () => {
    // Annex D, Table D.1: versions 7 and 40; Annex C: data 00000 masked is 101010000010010.
    expect(versionCodeword(7)).toBe(0x07c94);
    expect(versionCodeword(40)).toBe(0x28c69);
    expect(FORMAT_CODEWORDS).toHaveLength(32);
    expect(FORMAT_CODEWORDS[0]).toBe(0x5412);
  });

  it('reads a card code as written: both format copies and both version copies exact', () => {
    for (const m of codes) {
      const version = (m.size - 17) / 4;
      expect(infoDistance(reader(m), version)).toEqual({ format: 0, formatPair: 0, version: 0 });
      expect(infoChance(infoDistance(reader(m), version), version)).toBeLessThan(1e-9);
    }
  });

  it('still ranks a code with a few bits misread far ahead of a grid one module off or a wrong version', () => {
    const m = codes[3]!;
    const version = (m.size - 17) / 4;
    // Three modules of the first format copy and two of the top-right version block misread.
    const flip = new Set(['0,8', '2,8', '8,3', `${m.size - 9},0`, `${m.size - 10},4`]);
    const misread = infoDistance(reader(m, flip), version);
    expect(misread.format).toBe(0);
    expect(misread.formatPair).toBe(3);
    expect(misread.version).toBe(0);
    const shifted = infoDistance(reader(m, new Set(), 1), version);
    const wrongVersion = infoDistance(reader({ size: m.size - 4, data: croppedTo(m, m.size - 4) }), version - 1);
    const good = infoChance(misread, version);
    expect(infoChance(shifted, version)).toBeGreaterThan(1e4 * good);
    expect(infoChance(wrongVersion, version - 1)).toBeGreaterThan(1e4 * good);
  });
});

/** The top-left `size`×`size` modules of a code: what a grid of a smaller version laid on it reads. */
function croppedTo(m: { size: number; data: Uint8Array }, size: number): Uint8Array {
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[y * size + x] = m.data[y * m.size + x]!;
  return out;
}
