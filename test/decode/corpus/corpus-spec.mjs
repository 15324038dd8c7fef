/**
 * The degraded-QR corpus as data: one spec per frame, drawn from a seeded generator so
 * frame k is the same everywhere. Each category pushes one degradation hard over a
 * baseline of the mild ones every webcam adds; "counter" combines them all — a worn,
 * tilted card under a counter lamp — and "dark-counter" does the same in a dim room
 * through a cheap webcam.
 *
 * Blur is set relative to the module pitch (a 1.5 px blur is nothing on a 4 px module
 * and fatal on a 1.6 px one), and no module is drawn narrower than MIN_PITCH_PX after
 * foreshortening: below that a 640×480 camera does not resolve the code at all and the
 * counter's answer is "hold the card closer", not a better decoder.
 *
 * Splits are drawn the same way from different seeds: "measure" (the figures the bench
 * reports) and "tune" to "tune-4" (the frames a decoder change may be tried on; each later
 * one was added when the earlier ones read every frame of a category the measure split
 * still missed: "tune-2" and "tune-4" for phone-glare, "tune-3" for counter and
 * dark-counter). The categories
 * added for the counters' own kinds of frames (inverted … finger) were tuned on "tune"
 * only; each is seeded from its own name, so adding or resizing one changes no other.
 */
import { makeRng } from './prng.mjs';
import { withinCorrection } from './qr-codewords.mjs';
import { saturatedModules } from './render-frame.mjs';

export const CORPUS_SEED = 20260501;
/** Seeds per split: "measure" keeps the first corpus's frames exactly. */
export const SPLIT_SEEDS = { measure: CORPUS_SEED, tune: 731_2026, 'tune-2': 1130_2026, 'tune-3': 1201_2026, 'tune-4': 1203_2026, 'tune-5': 5006 };

/** Narrowest module drawn, in pixels, on the foreshortened side (1.6 for "small"). */
export const MIN_PITCH_PX = 2;
const MIN_PITCH_SMALL_PX = 1.6;
/**
 * In a dim room the gain noise (σ 6–12 on a signal of ~60 levels) and JPEG at quality
 * 35–60 leave 2 px modules below what the frame resolves: at 2 px, 19–23 of 40 "tune"
 * frames read with any pass tried. 2.5 px is still smaller than "counter" holds a card.
 */
const MIN_PITCH_DARK_PX = 2.5;

/** The first corpus's categories: frame k keeps seed CORPUS_SEED + 7919·k in "measure". */
const FIRST_CATEGORIES = {
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

/** Kinds of frame real counters produce, each seeded from its name (see seedOf). */
const COUNTER_CATEGORIES = {
  inverted: 24,
  'phone-moire': 24,
  'phone-glare': 24,
  'phone-cracked': 24,
  'webcam-jpeg': 24,
  'webcam-720p-motion': 24,
  'dark-counter': 40,
  finger: 24,
};

/** Frames per category, in corpus order. */
export const CATEGORIES = { ...FIRST_CATEGORIES, ...COUNTER_CATEGORIES };

/** Frames with no QR at all: the camera sees these most of the time. */
export const EMPTY_FRAMES = 16;
/** Frames with no QR through the new cameras and screens: 720p, heavy JPEG, a dark phone screen. */
const EMPTY_COUNTER_FRAMES = { 'webcam-720p-motion': 4, 'webcam-jpeg': 2, 'dark-counter': 2, inverted: 2 };

/** Every frame's spec; `moduleCounts[i]` is the side, in modules, of card token i's QR. */
export function corpusSpecs(moduleCounts, split = 'measure') {
  const base = SPLIT_SEEDS[split];
  if (base === undefined) throw new Error(`unknown corpus split ${split}`);
  const specs = [];
  let index = 0;
  const firstSeed = (k) => (split === 'measure' ? CORPUS_SEED + k * 7919 : seedOf(base, 'first', k)) >>> 0;
  for (const [category, count] of Object.entries(FIRST_CATEGORIES)) {
    for (let i = 0; i < count; i++, index++) specs.push(specFor(category, index, firstSeed(index), moduleCounts));
  }
  for (let i = 0; i < EMPTY_FRAMES; i++, index++) specs.push(empty(specFor('counter', index, firstSeed(index), moduleCounts)));
  for (const [category, count] of Object.entries(COUNTER_CATEGORIES)) {
    for (let i = 0; i < count; i++) {
      const at = index++;
      specs.push(category === 'phone-glare' ? withinGlareBound(at, base, i, moduleCounts) : specFor(category, at, seedOf(base, category, i), moduleCounts));
    }
  }
  for (const [category, count] of Object.entries(EMPTY_COUNTER_FRAMES)) {
    for (let i = 0; i < count; i++) specs.push(empty(specFor(category, index++, seedOf(base, `empty-${category}`, i), moduleCounts)));
  }
  return specs;
}

/**
 * The glare bound. A reflection that drives the darkest ink to the sensor's full scale
 * leaves a module white whatever was printed there. When the modules so saturated touch
 * more codewords in some Reed–Solomon block than its error correction (level M: ⌊ec/2⌋ of
 * a block's codewords, ≈15% of the symbol) can correct, no reader can decode the frame in
 * principle, and a counter does not expect to: the operator tilts the phone. Such a raw
 * draw is replaced by the next draw from a seed of its own (`phone-glare~k`), and the
 * frame records how many draws the bound excluded (`boundExcluded`). The rule looks only
 * at the scene (qr-codewords.mjs, render-frame.mjs saturatedModules), never at a decoder.
 */
function withinGlareBound(index, base, i, moduleCounts) {
  for (let redraw = 0; redraw < 50; redraw++) {
    const seed = seedOf(base, redraw === 0 ? 'phone-glare' : `phone-glare~${redraw}`, i);
    const spec = specFor('phone-glare', index, seed, moduleCounts);
    const n = moduleCounts[spec.tokenIndex];
    if (withinCorrection(n, saturatedModules(spec, n)).ok) return { ...spec, boundExcluded: redraw };
  }
  throw new Error(`no phone-glare draw within the error-correction bound for frame ${index}`);
}

function empty(spec) {
  return { ...spec, id: `${spec.id.slice(0, 3)}-empty`, category: 'empty', tokenIndex: null, finger: null };
}

/** A frame's seed from the split, a name and a number: FNV-1a, so no category shares a stream. */
function seedOf(base, name, i) {
  let h = 0x811c9dc5 ^ base;
  for (const ch of `${name}#${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

function specFor(category, index, seed, moduleCounts) {
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
    motionLine: false,
    noiseSigma: rng.range(2, 5),
    glare: null,
    wear: 0,
    frameWidth: 640,
    frameHeight: 480,
    invert: false,
    screen: null,
    jpegQuality: null,
    finger: null,
  };
  const glare = (peakLo, peakHi) => ({ dx: rng.range(-0.45, 0.45), dy: rng.range(-0.45, 0.45), radius: rng.range(0.12, 0.3), peak: rng.range(peakLo, peakHi) });
  const degraded = degrade(category, base, rng, glare, n);
  // A phone screen is lit from within and does not wear: only its glass reflects the lamp.
  const spec = degraded.kind === 'phone' ? { ...degraded, contrast: base.contrast, wear: 0 } : { ...degraded, screen: null };
  // Hold the card close enough for its modules to be resolved (see MIN_PITCH_PX).
  const minPitch = category === 'small' ? MIN_PITCH_SMALL_PX : category === 'dark-counter' ? MIN_PITCH_DARK_PX : MIN_PITCH_PX;
  const foreshortened = Math.cos((spec.tiltDeg * Math.PI) / 180);
  const sizePx = Math.max(spec.sizePx, (minPitch * n) / foreshortened);
  const pitch = sizePx / n;
  return {
    ...spec,
    sizePx,
    blurSigma: spec.blurSigma ?? spec.blurPitch * pitch,
    motionPx: spec.motionPitch === undefined ? spec.motionPx : spec.motionPitch * pitch,
  };
}

/** A phone's screen: its pixel grid (moiré), the glass's reflection, cracks in the protector. */
function screenOf(rng, { moire, reflection = null, cracks = 0, pixelsPerModule = rng.range(4, 9) }) {
  return {
    pixelsPerModule,
    fill: rng.range(0.55, 0.8),
    moire,
    reflection,
    cracks: cracks > 0 ? { count: cracks, u: rng.range(0.05, 0.95), v: rng.range(0.1, 0.9), seed: rng.int(1, 2 ** 30) } : null,
  };
}

function degrade(category, spec, rng, glare, n) {
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
    // Light modules on a dark ground: a card printed that way, or a phone in dark mode.
    case 'inverted': {
      const kind = rng.chance(0.5) ? 'card' : 'phone';
      return { ...spec, kind, invert: true, rotationDeg: rng.range(-20, 20), tiltDeg: rng.range(0, 20), screen: screenOf(rng, { moire: rng.range(0, 0.3) }) };
    }
    // A sharp lens close to a coarse screen: its pixels (2.5–5 a module, so 0.5–1.6 camera
    // pixels) beat with the sensor's and its colour mosaic into bands (render-frame.mjs).
    case 'phone-moire':
      return { ...spec, kind: 'phone', bayer: true, blurSigma: rng.range(0.2, 0.35), screen: screenOf(rng, { moire: rng.range(0.6, 1), pixelsPerModule: rng.range(2.5, 5) }) };
    // The glass mirrors a window or a ceiling light: a broad bright band and a veil over the screen.
    case 'phone-glare':
      return {
        ...spec,
        kind: 'phone',
        screen: screenOf(rng, {
          moire: rng.range(0, 0.3),
          reflection: { angleDeg: rng.range(0, 180), offset: rng.range(-0.4, 0.4), width: rng.range(0.08, 0.3), peak: rng.range(0.4, 0.95), veil: rng.range(0.03, 0.15) },
        }),
      };
    // A cracked screen protector: bright, jagged lines from an impact point, across the code.
    case 'phone-cracked':
      return { ...spec, kind: 'phone', screen: screenOf(rng, { moire: rng.range(0, 0.3), cracks: rng.int(3, 8) }) };
    // A cheap 640×480 webcam: soft lens, and MJPEG at a low quality to fit USB 2 bandwidth.
    case 'webcam-jpeg':
      return { ...spec, blurSigma: rng.range(0.5, 0.9), noiseSigma: rng.range(3, 8), jpegQuality: rng.int(12, 30), screen: screenOf(rng, { moire: rng.range(0, 0.4) }) };
    // A 1280×720 webcam and a hand still moving the card in: a streak of 0.4–1 module.
    case 'webcam-720p-motion':
      return {
        ...spec,
        frameWidth: 1280,
        frameHeight: 720,
        sizePx: rng.range(300, 480),
        blurSigma: rng.range(0.5, 1),
        motionPitch: rng.range(0.4, 1),
        motionAngleDeg: rng.range(0, 180),
        motionLine: true,
        noiseSigma: rng.range(3, 6),
        jpegQuality: rng.int(60, 85),
        screen: screenOf(rng, { moire: rng.range(0, 0.4) }),
      };
    // Everything at once in a dim room: small, tilted, blurred, gain noise, compressed.
    case 'dark-counter':
      return {
        ...spec,
        sizePx: rng.range(140, 190),
        rotationDeg: rng.range(-35, 35),
        tiltDeg: rng.range(15, 35),
        blurSigma: undefined,
        blurPitch: rng.range(0.15, 0.28),
        motionPx: rng.chance(0.3) ? rng.range(1, 2) : 0,
        motionAngleDeg: rng.range(0, 180),
        exposure: rng.range(0.25, 0.45),
        noiseSigma: rng.range(6, 12),
        contrast: rng.range(0.7, 0.95),
        wear: rng.range(0, 0.3),
        jpegQuality: rng.int(35, 60),
        screen: screenOf(rng, { moire: rng.range(0, 0.3) }),
      };
    // A thumb holding the card (or phone) over part of the code. It comes in from the
    // bottom or right edge, away from the three finder patterns, and covers 3–9% of the
    // symbol: level M corrects about 15% of codewords, and a blob's edge cuts more
    // codewords than its area.
    case 'finger':
      return {
        ...spec,
        rotationDeg: rng.range(-20, 20),
        tiltDeg: rng.range(0, 20),
        finger: { edge: rng.chance(0.5) ? 'bottom' : 'right', along: rng.range(0.45, 0.85), width: rng.range(0.3, 0.45) * n, angleDeg: rng.range(-25, 25), cover: rng.range(0.03, 0.09), seed: rng.int(1, 2 ** 30) },
        screen: screenOf(rng, { moire: rng.range(0, 0.3) }),
      };
    default:
      throw new Error(`unknown category ${category}`);
  }
}
