export function encodePng(width: number, height: number, data: Uint8ClampedArray): Buffer;
