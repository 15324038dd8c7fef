/** An 8-bit single-channel image. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The RGBA image shape zxing-wasm reads (an ImageData without the DOM). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

/** Luma of an RGBA frame, with the weights zxing-wasm itself uses. */
export function toGrey(frame: RgbaImage): GreyImage {
  const { width, height, data } = frame;
  const out = new Uint8Array(width * height);
  for (let i = 0, o = 0; i < out.length; i++, o += 4) {
    out[i] = (306 * data[o]! + 601 * data[o + 1]! + 117 * data[o + 2]! + 512) >> 10;
  }
  return { width, height, data: out };
}
