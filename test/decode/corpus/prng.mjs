/**
 * A seeded pseudo-random source (mulberry32), so the corpus is the same on every machine
 * and every run: a frame is named by its seed, never by Math.random.
 */
export function makeRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare = null;
  return {
    next,
    /** Uniform in [lo, hi). */
    range: (lo, hi) => lo + (hi - lo) * next(),
    /** Uniform in [-max, -min] ∪ [min, max]. */
    signed: (min, max) => (next() < 0.5 ? -1 : 1) * (min + (max - min) * next()),
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
    pick: (items) => items[Math.floor(items.length * next())],
    chance: (p) => next() < p,
    /** Standard normal (Box–Muller). */
    normal: () => {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return z;
      }
      const radius = Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12)));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
