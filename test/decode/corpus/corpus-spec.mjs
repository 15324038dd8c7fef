/**
 * The degraded-QR corpus as data: one spec per frame, drawn from a seeded generator so
 * frame k is the same everywhere. Each category pushes one degradation hard over a
 * baseline of the mild ones every webcam adds; "counter" combines them all — a worn,
 * tilted card under a counter lamp.
 *
 * Blur is set relative to the module pitch (a 1.5 px blur is nothing on a 4 px module
 * and fatal on a 1.6 px one), and no module is drawn narrower than MIN_PITCH_PX after
 * foreshortening: below that a 640×480 camera does not resolve the code at all and the
 * counter's answer is "hold the card closer", not a better decoder.
 */
import { makeRng } from './prng.mjs';

export const CORPUS_SEED = 20260501;

/** Narrowest module drawn, in pixels, on the foreshortened side (1.6 for "small"). */
export const MIN_PITCH_PX = 2;
const MIN_PITCH_SMALL_PX = 1.6;

/** Frames per category, in corpus order. */
export const CATEGORIES = {
  clean: 12,
  rotation: 24,
  perspective: 24,
  blur: 24,
  noise: 24,
  'low-contrast': 24,
  small: 24,
  glare: 24,
  worn: 20,
  counter: 40,
};

/** Frames with no QR at all: the camera sees these most of the time. */
export const EMPTY_FRAMES = 16;

/** Every frame's spec; `moduleCounts[i]` is the side, in modules, of card token i's QR. */
export function corpusSpecs(moduleCounts) {
  const specs = [];
  let index = 0;
  for (const [category, count] of Object.entries(CATEGORIES)) {
    for (let i = 0; i < count; i++) specs.push(specFor(category, index++, moduleCounts));
  }
  for (let i = 0; i < EMPTY_FRAMES; i++) {
    const spec = specFor('counter', index, moduleCounts);
    specs.push({ ...spec, id: `${String(index++).padStart(3, '0')}-empty`, category: 'empty', tokenIndex: null });
  }
  return specs;
}

function specFor(category, index, moduleCounts) {
  const seed = (CORPUS_SEED + index * 7919) >>> 0;
  const rng = makeRng(seed ^ 0x5bd1e995);
  const tokenIndex = index % moduleCounts.length;
  const n = moduleCounts[tokenIndex];
  const base = {
    id: `${String(index).padStart(3, '0')}-${category}`,
    category,
    seed,
    tokenIndex,
    kind: rng.chance(0.8) ? 'card' : 'phone',
    sizePx: rng.range(180, 280),
    rotationDeg: rng.range(-8, 8),
    tiltDeg: rng.range(0, 10),
    tiltAxisDeg: rng.range(0, 180),
    contrast: rng.range(0.9, 1),
    exposure: rng.range(0.8, 1.05),
    blurSigma: rng.range(0.3, 0.6),
    motionPx: 0,
    motionAngleDeg: 0,
    noiseSigma: rng.range(2, 5),
    glare: null,
    wear: 0,
  };
  const glare = (peakLo, peakHi) => ({ dx: rng.range(-0.45, 0.45), dy: rng.range(-0.45, 0.45), radius: rng.range(0.12, 0.3), peak: rng.range(peakLo, peakHi) });
  const degraded = degrade(category, base, rng, glare);
  // A phone screen is lit from within and does not wear: only its glass reflects the lamp.
  const spec = degraded.kind === 'phone' ? { ...degraded, contrast: base.contrast, wear: 0 } : degraded;
  // Hold the card close enough for its modules to be resolved (see MIN_PITCH_PX).
  const minPitch = category === 'small' ? MIN_PITCH_SMALL_PX : MIN_PITCH_PX;
  const foreshortened = Math.cos((spec.tiltDeg * Math.PI) / 180);
  const sizePx = Math.max(spec.sizePx, (minPitch * n) / foreshortened);
  const pitch = sizePx / n;
  return { ...spec, sizePx, blurSigma: spec.blurSigma ?? spec.blurPitch * pitch };
}

function degrade(category, spec, rng, glare) {
  switch (category) {
    case 'clean':
      return { ...spec, rotationDeg: 0, tiltDeg: 0, blurSigma: 0.3, noiseSigma: 2 };
    case 'rotation':
      return { ...spec, rotationDeg: rng.signed(10, 45) };
    case 'perspective':
      return { ...spec, tiltDeg: rng.range(20, 45), rotationDeg: rng.range(-15, 15) };
    case 'blur':
      return { ...spec, blurSigma: undefined, blurPitch: rng.range(0.25, 0.42) };
    case 'noise':
      return { ...spec, noiseSigma: rng.range(8, 24) };
    case 'low-contrast':
      return { ...spec, contrast: rng.range(0.2, 0.4), exposure: rng.range(0.45, 1) };
    case 'small':
      return { ...spec, sizePx: rng.range(120, 180), blurSigma: rng.range(0.3, 0.5) };
    case 'glare':
      return { ...spec, glare: glare(0.5, 1.1) };
    case 'worn':
      return { ...spec, wear: rng.range(0.4, 1) };
    case 'counter':
      return {
        ...spec,
        rotationDeg: rng.range(-35, 35),
        tiltDeg: rng.range(10, 35),
        blurSigma: undefined,
        blurPitch: rng.range(0.12, 0.25),
        motionPx: rng.chance(0.3) ? rng.range(1, 2) : 0,
        motionAngleDeg: rng.range(0, 180),
        noiseSigma: rng.range(4, 10),
        contrast: rng.range(0.5, 0.85),
        exposure: rng.range(0.6, 1),
        glare: glare(0.35, 0.75),
        wear: rng.range(0.2, 0.6),
      };
    default:
      throw new Error(`unknown category ${category}`);
  }
}
