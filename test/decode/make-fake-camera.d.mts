/** Writes a 640×480 yuv420p .y4m of `input` centred on white (after `leadIn` s of white); returns `output`. */
export function makeFakeCamera(options: {
  input: string;
  output: string;
  seconds?: number;
  fps?: number;
  leadIn?: number;
  size?: number;
  ffmpeg?: string;
}): string;
