import { describe, expect, it } from 'vitest';
import { locateCode, locateJoined } from '../../renderer/src/scanner/decoder/locate-code.js';

/** A 640×480 grey frame: flat, with a checkerboard of `pitch`-px squares over [x0, x1) × [y0, y1). */
function frameWith(patches: Array<[number, number, number, number]>, pitch = 4): Uint8Array {
  const grey = new Uint8Array(640 * 480).fill(120);
  for (const [x0, y0, x1, y1] of patches) {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) grey[y * 640 + x] = (Math.floor(x / pitch) + Math.floor(y / pitch)) % 2 ? 30 : 220;
  }
  return grey;
}

describe('locating a code split by a glare band', () => {
  it('joins the patches either side of a saturated band, where the plain region keeps only one', () => {
    // A code 200 px wide whose middle 60 px the glass's reflection washed out.
    const grey = frameWith([
      [200, 150, 300, 350],
      [360, 150, 400, 350],
    ]);
    const plain = locateCode(grey, 640, 480);
    expect(plain).not.toBeNull();
    expect(plain!.x1).toBeLessThan(360);
    const joined = locateJoined(grey, 640, 480);
    expect(joined).not.toBeNull();
    expect(joined!.x0).toBeLessThanOrEqual(200);
    expect(joined!.x1).toBeGreaterThanOrEqual(400);
  });

  it('joins nothing far away: a notice across the counter stays out', () => {
    const grey = frameWith([
      [40, 150, 200, 350],
      [560, 150, 600, 200],
    ]);
    expect(locateJoined(grey, 640, 480)).toBeNull();
  });
});
