import type { RgbaImage } from '../../renderer/src/scanner/decoder/grey-image.js';

/**
 * A 640×480 counter with finder-shaped squares (by default three, at the corners of a right
 * angle) on a 50 × 50 grid of 4 px modules, noise between them: no code.
 */
export function forgedMarks(finders: ReadonlyArray<readonly [number, number]> = [[0, 0], [43, 0], [0, 43]], seed = 7): RgbaImage {
  const width = 640;
  const height = 480;
  const data = new Uint8ClampedArray(width * height * 4);
  const rand = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inCode = x >= 200 && x < 400 && y >= 140 && y < 340;
      const mx = Math.floor((x - 200) / 4);
      const my = Math.floor((y - 140) / 4);
      const finder = (fx: number, fy: number): boolean | null => {
        const dx = mx - fx;
        const dy = my - fy;
        if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return null;
        return Math.max(Math.abs(dx - 3), Math.abs(dy - 3)) !== 2;
      };
      const dark = inCode && (finders.reduce<boolean | null>((hit, [fx, fy]) => hit ?? finder(fx, fy), null) ?? rand() < 0.5);
      const v = dark ? 40 : 200;
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
