/// <reference types="vite/client" />
/**
 * The decoding worker: zxing-wasm's reader, with its .wasm bundled by Vite as a local
 * asset (the terminal is offline and its CSP allows only 'self'), so nothing is ever
 * fetched from a CDN. One frame at a time; an unreadable frame or any failure is null.
 * Every frame gets the whole-frame look; the fallback looks are time-sliced over
 * consecutive frames, each frame giving them FRAME_BUDGET_MS in all (camera-decoder.ts,
 * CameraDecoder), so no camera frame's decode is unbounded.
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { runAsync } from '../../util/run-async.js';
import { CameraDecoder } from './camera-decoder.js';
import type { RgbaImage } from './grey-image.js';
import type { PassKind } from './read-qr.js';
import { READER_OPTIONS } from './reader-options.js';
import { workerRequestSchema, type DecodeReply, type DecodeRequest } from './worker-protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: DecodeReply): void;
}
const scope = self as unknown as WorkerScope;

const ready: Promise<string | null> = prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
  fireImmediately: true,
}).then(
  () => null,
  (error: unknown) => `zxing-wasm did not load from ${wasmUrl}: ${String(error)}`,
);

async function read(image: RgbaImage, pass: PassKind): Promise<string | null> {
  // ImageData wraps the pixels without copying them.
  const results = await readBarcodes(new ImageData(image.data, image.width, image.height), READER_OPTIONS[pass]);
  const first = results.find((r) => r.isValid && r.text.length > 0);
  return first ? first.text : null;
}

/**
 * The camera's frames, decoded as one stream: a frame without a read gives the pending
 * fallback session (the looks of the frame that started it) its time slice; a read, or a
 * session run out, lets the next frame start afresh (camera-decoder.ts, CameraDecoder).
 */
const decoder = new CameraDecoder(read);

async function answer(request: DecodeRequest): Promise<DecodeReply> {
  const failure = await ready;
  if (failure !== null) return { id: request.id, text: null, failure };
  try {
    const frame = { width: request.width, height: request.height, data: new Uint8ClampedArray(request.pixels) };
    return { id: request.id, text: await decoder.decode(frame) };
  } catch {
    // The decoder dropped the session that failed; the next frame starts a new one.
    return { id: request.id, text: null };
  }
}

/** Messages handled one after another: a reset takes effect between two frames' decodes. */
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const parsed = workerRequestSchema.safeParse(event.data);
  if (!parsed.success) return;
  const request = parsed.data;
  queue = queue.then(async () => {
    if (request.kind === 'reset') {
      decoder.reset();
      return;
    }
    scope.postMessage(await answer(request));
  });
  runAsync(queue);
};
