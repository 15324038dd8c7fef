/**
 * Reed–Solomon decoding over GF(256) as QR codes use it (ISO/IEC 18004 §7.5.2: field
 * polynomial x⁸ + x⁴ + x³ + x² + 1, generator roots α⁰ … α^(E−1)), with erasures: a
 * codeword known to be unreadable (a reflection washed its modules out) costs one check
 * codeword to correct, an unknown error two. ZXing decodes errors only, so a code whose
 * band of glare destroyed up to ⌊E/2⌋ codewords of a block, and a few more read wrong
 * beside it, is beyond it; with the band's codewords named as erasures it is not.
 */

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
}

function mul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

function div(a: number, b: number): number {
  if (b === 0) throw new RangeError('division by zero in GF(256)');
  return a === 0 ? 0 : EXP[(LOG[a]! + 255 - LOG[b]!) % 255]!;
}

/** α^e for any integer e. */
function alphaPow(e: number): number {
  return EXP[((e % 255) + 255) % 255]!;
}

/** A polynomial's value at x; coefficients lowest degree first. */
function evaluate(poly: readonly number[], x: number): number {
  let y = 0;
  for (let i = poly.length - 1; i >= 0; i--) y = mul(y, x) ^ poly[i]!;
  return y;
}

/** The syndromes S_i = R(α^i), i < ecCount, of a block whose first byte is the highest-degree coefficient. */
function syndromes(block: Uint8Array, ecCount: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ecCount; i++) {
    const x = EXP[i]!;
    let y = 0;
    for (const byte of block) y = mul(y, x) ^ byte;
    out.push(y);
  }
  return out;
}

/**
 * How many check codewords a correction must leave unused: with every one spent, any
 * received word corrects to some codeword; with two left over, a random one does so about
 * once in 65 536 (erasure-correct.ts weighs what the corrections of a whole symbol leave).
 */
export const SPARE_CHECKS = 2;

/** A block corrected: the codewords it found in error (besides the erasures) and the erasures it used. */
export interface Correction {
  errors: number;
  erasures: number;
}

/**
 * Corrects `block` (data then `ecCount` check codewords, as written) in place, given the
 * byte indices known to be unreliable (`erasures`); the correction when the block is a
 * codeword afterwards (none used when it already was), null (block unchanged) when it
 * cannot be corrected within the capacity left after SPARE_CHECKS: 2·errors + erasures ≤
 * ecCount − SPARE_CHECKS.
 */
export function correctBlock(block: Uint8Array, ecCount: number, erasures: readonly number[]): Correction | null {
  const n = block.length;
  const s = syndromes(block, ecCount);
  if (s.every((v) => v === 0)) return { errors: 0, erasures: 0 };
  const f = erasures.length;
  if (f > ecCount - SPARE_CHECKS) return null;
  // Erasure locator Γ(x) = Π (1 + X_j x), X_j = α^(n−1−index).
  let gamma: number[] = [1];
  for (const index of erasures) {
    const x = alphaPow(n - 1 - index);
    const next = new Array<number>(gamma.length + 1).fill(0);
    for (let i = 0; i < gamma.length; i++) {
      next[i] = next[i]! ^ gamma[i]!;
      next[i + 1] = next[i + 1]! ^ mul(gamma[i]!, x);
    }
    gamma = next;
  }
  // Berlekamp–Massey started from the erasure locator (Blahut): Λ ends as the errata locator.
  let lambda = gamma.slice();
  let b = gamma.slice();
  let l = f;
  for (let r = f + 1; r <= ecCount; r++) {
    let delta = 0;
    for (let j = 0; j < lambda.length && j <= r - 1; j++) delta ^= mul(lambda[j]!, s[r - 1 - j]!);
    const shifted = [0, ...b];
    if (delta === 0) {
      b = shifted;
      continue;
    }
    const next = new Array<number>(Math.max(lambda.length, shifted.length)).fill(0);
    for (let i = 0; i < next.length; i++) next[i] = (lambda[i] ?? 0) ^ mul(delta, shifted[i] ?? 0);
    if (2 * l <= r + f - 1) {
      b = lambda.map((c) => div(c, delta));
      l = r + f - l;
    } else {
      b = shifted;
    }
    lambda = next;
  }
  while (lambda.length > 1 && lambda[lambda.length - 1] === 0) lambda.pop();
  const degree = lambda.length - 1;
  // Errors (degree − f) cost two check codewords each, erasures one.
  if (2 * (degree - f) + f > ecCount - SPARE_CHECKS || degree !== l) return null;
  // Chien search: the errata sit where Λ(X⁻¹) = 0.
  const positions: number[] = [];
  for (let index = 0; index < n; index++) if (evaluate(lambda, alphaPow(-(n - 1 - index))) === 0) positions.push(index);
  if (positions.length !== degree) return null;
  // Forney: Ω = S·Λ mod x^E; e_j = X_j Ω(X_j⁻¹) / Λ'(X_j⁻¹).
  const omega = new Array<number>(ecCount).fill(0);
  for (let i = 0; i < ecCount; i++) for (let j = 0; j <= i && j < lambda.length; j++) omega[i] = omega[i]! ^ mul(lambda[j]!, s[i - j]!);
  const derivative = lambda.map((c, i) => (i % 2 === 1 ? c : 0)).slice(1);
  const fixed = block.slice();
  for (const index of positions) {
    const x = alphaPow(n - 1 - index);
    const xInverse = alphaPow(-(n - 1 - index));
    const denominator = evaluate(derivative, xInverse);
    if (denominator === 0) return null;
    fixed[index] = fixed[index]! ^ mul(x, div(evaluate(omega, xInverse), denominator));
  }
  if (!syndromes(fixed, ecCount).every((v) => v === 0)) return null;
  block.set(fixed);
  return { errors: degree - f, erasures: f };
}

/** The check codewords of `data` (for tests and for drawing a code): the remainder of data·x^E by the generator. */
export function checkCodewords(data: Uint8Array, ecCount: number): Uint8Array {
  let generator: number[] = [1];
  for (let i = 0; i < ecCount; i++) {
    // Multiply by (x − α^i), highest degree first.
    const next = new Array<number>(generator.length + 1).fill(0);
    for (let j = 0; j < generator.length; j++) {
      next[j] = next[j]! ^ generator[j]!;
      next[j + 1] = next[j + 1]! ^ mul(generator[j]!, EXP[i]!);
    }
    generator = next;
  }
  const rest = new Uint8Array(data.length + ecCount);
  rest.set(data);
  for (let i = 0; i < data.length; i++) {
    const c = rest[i]!;
    if (c === 0) continue;
    for (let j = 1; j < generator.length; j++) rest[i + j] = rest[i + j]! ^ mul(generator[j]!, c);
  }
  return rest.slice(data.length);
}
