import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../renderer/src/scanner/decoder/decode-pipeline.js';
import { erasureCorrected, placementOrder } from '../../renderer/src/scanner/decoder/erasure-correct.js';
import { toGrey, type RgbaImage } from '../../renderer/src/scanner/decoder/grey-image.js';
import { sampleModules } from '../../renderer/src/scanner/decoder/module-sample.js';
import { functionModules } from '../../renderer/src/scanner/decoder/qr-layout.js';
import { checkCodewords, correctBlock, SPARE_CHECKS } from '../../renderer/src/scanner/decoder/reed-solomon.js';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';
import { corpusSpecs, type FrameSpec } from './corpus/corpus-spec.mjs';
import { codewordLayout } from './corpus/qr-codewords.mjs';
import { renderFrame } from './corpus/render-frame.mjs';
import { trueGrid } from './true-grid.js';
import { prepareZxing, zxingReader } from './zxing-reader.js';

/** A deterministic stream of numbers in [0, 1). */
function stream(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

describe('Reed–Solomon with erasures (reed-solomon.ts)', () => {
  /** A random codeword of `data` data and `ec` check bytes, and a copy with `errors` bytes changed and `erasures` bytes named (half of them changed). */
  function damaged(next: () => number, data: number, ec: number, errors: number, erasures: number): { clean: Uint8Array; received: Uint8Array; named: number[] } {
    const message = Uint8Array.from({ length: data }, () => Math.floor(next() * 256));
    const clean = new Uint8Array([...message, ...checkCodewords(message, ec)]);
    const received = clean.slice();
    const places = [...clean.keys()].sort(() => next() - 0.5);
    const named = places.slice(0, erasures);
    for (const i of named) if (next() < 0.5) received[i] = Math.floor(next() * 256);
    for (const i of places.slice(erasures, erasures + errors)) received[i] = received[i]! ^ (1 + Math.floor(next() * 255));
    return { clean, received, named };
  }

  it('corrects any errors and erasures within 2·errors + erasures ≤ check codewords − SPARE_CHECKS, back to the codeword written', () => {
    const next = stream(11);
    let trials = 0;
    for (const ec of [10, 16, 22, 26, 28]) {
      for (let erasures = 0; erasures <= ec - SPARE_CHECKS; erasures += 3) {
        const errors = Math.floor((ec - SPARE_CHECKS - erasures) / 2);
        for (let k = 0; k < 8; k++, trials++) {
          const { clean, received, named } = damaged(next, 20 + Math.floor(next() * 100), ec, errors, erasures);
          const correction = correctBlock(received, ec, named);
          expect(correction, `ec ${ec}, ${errors} errors, ${erasures} erasures`).not.toBeNull();
          expect(received).toEqual(clean);
          // The errors it found are at most those made (a named byte left as written is no error).
          expect(correction!.errors).toBeLessThanOrEqual(errors);
        }
      }
    }
    expect(trials).toBeGreaterThan(200);
  });

  it('refuses a block beyond that, and leaves it as received', () => {
    const next = stream(12);
    for (const ec of [10, 22, 26]) {
      for (const [errors, erasures] of [
        [Math.floor(ec / 2), 0],
        [1, ec - 2],
        [Math.floor((ec - SPARE_CHECKS) / 2) + 1, 0],
        [0, ec - SPARE_CHECKS + 1],
      ] as const) {
        for (let k = 0; k < 20; k++) {
          const { received, named } = damaged(next, 40, ec, errors, erasures);
          const before = received.slice();
          expect(correctBlock(received, ec, named), `ec ${ec}, ${errors} errors, ${erasures} erasures`).toBeNull();
          expect(received).toEqual(before);
        }
      }
    }
  });

  it('corrects twice as many erasures as errors: 14 named codewords of 26 check ones, where 14 unnamed are beyond ZXing (13)', () => {
    const next = stream(13);
    const { clean, received, named } = damaged(next, 60, 26, 0, 14);
    // Every named byte changed, so that unnamed they are 12 errors.
    for (const i of named) received[i] = clean[i]! ^ 0x5a;
    expect(correctBlock(received.slice(), 26, [])).toBeNull();
    expect(correctBlock(received, 26, named)).toEqual({ errors: 0, erasures: 14 });
    expect(received).toEqual(clean);
  });
});

const tokens = loadCardTokens();
const modules = tokens.map((t) => qrModules(t));

describe('a sampled symbol corrected with its washed-out modules as erasures (erasure-correct.ts)', () => {
  it('places every codeword bit in a data module: 26 codewords in version 1, 196 in 7, 3706 in 40 (ISO/IEC 18004 Table 1)', () => {
    expect(Math.floor(placementOrder(1).length / 8)).toBe(26);
    expect(Math.floor(placementOrder(7).length / 8)).toBe(196);
    expect(Math.floor(placementOrder(40).length / 8)).toBe(3706);
  });

  it('restores a card token whose band of glare turned a strip of modules light, beyond what errors alone correct', () => {
    for (const code of modules) {
      const n = code.size;
      const version = (n - 17) / 4;
      const fixed = functionModules(version);
      const layout = codewordLayout(n);
      // A diagonal band: every data module within a few modules of the anti-diagonal reads light.
      const bits = Uint8Array.from(code.data);
      const unsure = new Uint8Array(n * n);
      const width = Math.round(n * 0.07);
      const hit = new Set<number>();
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const i = y * n + x;
          if (fixed[i] !== -1 || Math.abs(x + y - n) > width || layout.codewordOf[i]! < 0) continue;
          bits[i] = 0;
          unsure[i] = 1;
          hit.add(layout.codewordOf[i]!);
        }
      }
      const perBlock = new Array<number>(layout.blocks).fill(0);
      for (const c of hit) perBlock[layout.blockOfCodeword[c]!]!++;
      // More codewords in some block than errors alone correct, within what erasures do.
      expect(Math.max(...perBlock), `version ${version}`).toBeGreaterThan(layout.correctable);
      expect(Math.max(...perBlock)).toBeLessThanOrEqual(layout.ecPerBlock - SPARE_CHECKS);
      expect(erasureCorrected(bits, new Uint8Array(n * n), version)).toBeNull();
      const corrected = erasureCorrected(bits, unsure, version);
      expect(corrected).not.toBeNull();
      for (let i = 0; i < n * n; i++) if (fixed[i] === -1) expect(corrected![i], `module ${i}`).toBe(code.data[i]);
    }
  });

  it('does not draw a one-block symbol corrected when its erasures leave too few checks to tell it from noise', () => {
    // Version 1 at level L: one block of 19 data and 7 check codewords.
    const symbol = QRCode.create('JINKA-TEST', { version: 1, errorCorrectionLevel: 'L' }).modules;
    const n = symbol.size;
    const truth = Uint8Array.from(symbol.data);
    const order = placementOrder(1);
    const damage = (codewords: number): { bits: Uint8Array; unsure: Uint8Array } => {
      const bits = truth.slice();
      const unsure = new Uint8Array(n * n);
      for (let k = 0; k < codewords * 8; k++) {
        unsure[order[k]!] = 1;
        if (k % 3 === 0) bits[order[k]!] = bits[order[k]!]! ^ 1;
      }
      return { bits, unsure };
    };
    // Two erasures leave five checks (a chance of 2⁻⁴⁰ for noise): corrected.
    const few = damage(2);
    const corrected = erasureCorrected(few.bits, few.unsure, 1);
    expect(corrected).not.toBeNull();
    expect(Array.from(corrected!)).toEqual(Array.from(truth));
    // Five leave two (2⁻¹⁶): Reed–Solomon alone would correct it, the symbol is not drawn so.
    const many = damage(5);
    expect(erasureCorrected(many.bits, many.unsure, 1)).toBeNull();
  });

  it('corrects nothing when the format information is far from every format codeword, or the modules are noise', () => {
    const code = modules[0]!;
    const n = code.size;
    const version = (n - 17) / 4;
    const next = stream(21);
    const noise = Uint8Array.from({ length: n * n }, () => (next() < 0.5 ? 1 : 0));
    expect(erasureCorrected(noise, new Uint8Array(n * n), version)).toBeNull();
    // Noise with up to the whole capacity named unsure still corrects to nothing.
    const someUnsure = Uint8Array.from({ length: n * n }, () => (next() < 0.08 ? 1 : 0));
    expect(erasureCorrected(noise, someUnsure, version)).toBeNull();
  });
});

describe('a phone whose reflection washed out more codewords than errors alone correct', () => {
  const read = zxingReader();
  beforeAll(prepareZxing);
  // A tuning frame (split "tune-4", never the measured one).
  const phone = corpusSpecs(
    modules.map((m) => m.size),
    'tune-4',
  ).find((s) => s.id === '319-phone-glare') as FrameSpec;

  it('the true grid reads more wrong codewords than a block corrects as errors; named as erasures, the symbol comes back whole, and the frame reads', async () => {
    const code = modules[phone.tokenIndex!]!;
    const n = code.size;
    const version = (n - 17) / 4;
    const rendered = renderFrame(phone, code) as unknown as RgbaImage & { geometry: { corners: number[][] } };
    const truth = trueGrid(rendered, n);
    const { bits, unsure } = sampleModules(toGrey(rendered), truth, n);
    const layout = codewordLayout(n);
    const wrong = new Set<number>();
    for (let i = 0; i < n * n; i++) if (layout.codewordOf[i]! >= 0 && bits[i] !== code.data[i]) wrong.add(layout.codewordOf[i]!);
    const perBlock = new Array<number>(layout.blocks).fill(0);
    for (const c of wrong) perBlock[layout.blockOfCodeword[c]!]!++;
    expect(Math.max(...perBlock)).toBeGreaterThan(layout.correctable);
    const corrected = erasureCorrected(bits, unsure, version);
    expect(corrected).not.toBeNull();
    const fixed = functionModules(version);
    for (let i = 0; i < n * n; i++) if (fixed[i] === -1) expect(corrected![i]).toBe(code.data[i]);
    expect(await decodeFrame({ ...rendered, data: new Uint8ClampedArray(rendered.data) }, read)).toBe(tokens[phone.tokenIndex!]);
  });
});
