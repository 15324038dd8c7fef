import { cropGrey } from './crop-enlarge.js';
import type { ReadQr } from './read-qr.js';
import type { GreyImage, RgbaImage } from './grey-image.js';
import type { Region } from './locate-code.js';
import { PAUSE, redrawnCodeSteps, type Pause } from './module-grid.js';
import { restoreContrast, smoothGrey } from './restore-contrast.js';

/** A pixel this bright is at or near the sensor's full scale (a reflection, not the code's white). */
const NEAR_FULL_SCALE = 250;
/**
 * Share of the crop's pixels near full scale above which a reflection band crosses it: on
 * both tuning splits every phone-glare crop and a few lamp-glare ones, no crop of a frame
 * without a code and none of the other categories.
 */
const BAND_SHARE = 0.1;
/**
 * How far the detector's crop is grown on each side past the busy region, as a share of its
 * size: on the tuning splits a band cut up to 30% of a code off the region.
 */
const GROW = 0.4;
/**
 * Bits of format or version information a guess may read wrong in its better copy and still
 * be drawn, past a band: one more than elsewhere (module-grid.ts, INFO_SLACK), as the quick
 * read thresholds each module against its nearest finder, which the band may have washed
 * out, and the guess's projection is the coarse one.
 */
const BAND_INFO_SLACK = 6;

/**
 * Our detector (module-grid.ts) on a crop grown past the busy region, when a reflection
 * band crosses that region. The region is where the frame is busiest (locate-code.ts), and
 * a band that leaves the modules near full scale with a few grey levels of contrast leaves
 * little texture: the region can end at the band with a finder beyond it, outside the crop,
 * where no triple (seen or inferred) reaches it. Given before the detector's look at the
 * plain crop: the grown crop holds it, and on both tuning splits every band-crossed frame
 * the plain crop's detector reads, the grown one reads with its first drawing too. Nothing
 * when no band crosses the crop (then this costs one count of its bright pixels), or when
 * the region already fills the frame. `grey` is the whole frame, `crop` the region cut out
 * of it. Pauses (PAUSE) between the costly steps, as the detector does.
 */
export function* redrawnPastBand(grey: GreyImage, region: Region, crop: GreyImage): Generator<RgbaImage | Pause, void> {
  if (!crossedByBand(crop)) return;
  const dx = Math.round(GROW * (region.x1 - region.x0));
  const dy = Math.round(GROW * (region.y1 - region.y0));
  const grown: Region = {
    x0: Math.max(0, region.x0 - dx),
    y0: Math.max(0, region.y0 - dy),
    x1: Math.min(grey.width, region.x1 + dx),
    y1: Math.min(grey.height, region.y1 + dy),
  };
  if (grown.x0 === region.x0 && grown.y0 === region.y0 && grown.x1 === region.x1 && grown.y1 === region.y1) return;
  const wide = cropGrey(grey, grown);
  const restored = restoreContrast(wide, 1, 6);
  yield PAUSE;
  const smoothed = restoreContrast(smoothGrey(wide, 1), 1, 8);
  yield PAUSE;
  yield* redrawnCodeSteps([restored, smoothed], wide, BAND_INFO_SLACK);
}

/**
 * The codes redrawnPastBand draws, each given to the reader, pausing (yielding) between the
 * costly steps as the decoder's stages do: the first text read, or null.
 */
export async function* readPastBand(grey: GreyImage, region: Region, crop: GreyImage, read: ReadQr): AsyncGenerator<void, string | null, void> {
  for (const code of redrawnPastBand(grey, region, crop)) {
    if (code !== PAUSE) {
      const text = await read(code, 'drawn');
      if (text !== null) return text;
    }
    yield;
  }
  return null;
}

/** Whether more than BAND_SHARE of the crop's pixels are near full scale. */
export function crossedByBand(crop: GreyImage): boolean {
  const { data } = crop;
  let bright = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! >= NEAR_FULL_SCALE) bright++;
  return bright > BAND_SHARE * data.length;
}
