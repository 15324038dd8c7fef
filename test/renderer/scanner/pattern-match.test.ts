import { describe, expect, it } from 'vitest';
import type { Homography } from '../../../renderer/src/scanner/decoder/homography.js';
import { FINDER, FINDER_SPARSE, matchPattern } from '../../../renderer/src/scanner/decoder/pattern-match.js';
import type { GreyImage } from '../../../renderer/src/scanner/decoder/grey-image.js';

/** A finder pattern (with its separator) at (cx, cy), `module` px a module, turned by `angle`, with noise. */
function finderImage(cx: number, cy: number, module: number, angle: number, noise: number): GreyImage {
  const width = 120;
  const height = 120;
  const data = new Uint8Array(width * height);
  let seed = 5;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const u = (dx * cos + dy * sin) / module;
      const v = (-dx * sin + dy * cos) / module;
      const ring = Math.max(Math.abs(u), Math.abs(v));
      const dark = ring < 1.5 || (ring >= 2.5 && ring < 3.5);
      data[y * width + x] = Math.max(0, Math.min(255, (dark ? 60 : 190) + noise * rand()));
    }
  }
  return { width, height, data };
}

describe('pattern matching (pattern-match.ts)', () => {
  it('finds a tilted, noisy finder within a pixel when the wide search looks at a third of its cells', () => {
    const module = 3;
    const angle = 0.35;
    const image = finderImage(61.3, 57.8, module, angle, 60);
    // Start two modules off, along the finder's own axes.
    const h: Homography = {
      map: (u, v) => [55 + (u * Math.cos(angle) - v * Math.sin(angle)) * module, 52 + (u * Math.sin(angle) + v * Math.cos(angle)) * module],
    };
    const full = matchPattern(image, h, 0, 0, 3, FINDER, 1);
    const sparse = matchPattern(image, h, 0, 0, 3, FINDER, 1, FINDER_SPARSE);
    for (const found of [full, sparse]) expect(Math.hypot(found.x - 61.3, found.y - 57.8)).toBeLessThan(1);
    // The score answered is the whole pattern's (light minus dark, 130 grey levels apart), not the sparse look's.
    expect(sparse.score).toBeGreaterThan(0.9 * full.score);
    expect(full.score).toBeGreaterThan(100);
  });
});
