/** Messages between createQrDecoder() on the page and qr-worker.ts. */
import { z } from 'zod';

/** Page → worker: one frame, its pixels transferred (not copied). */
export interface DecodeRequest {
  kind: 'decode';
  id: number;
  width: number;
  height: number;
  pixels: ArrayBuffer;
}

/** Page → worker: drop any paused fallback session (the decode loop (re)started, another camera). */
export interface ResetRequest {
  kind: 'reset';
}

export type WorkerRequest = DecodeRequest | ResetRequest;

/** Worker → page: the answer for request `id`; `text` is null when no QR code was read. */
export interface DecodeReply {
  id: number;
  text: string | null;
  /** Set when the decoder itself could not start (e.g. the wasm was not found). */
  failure?: string;
}

const dimension = z.number().int().positive().max(16_384);

/** What the worker accepts; anything else is dropped. */
export const workerRequestSchema: z.ZodType<WorkerRequest> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('decode'), id: z.number().int().nonnegative(), width: dimension, height: dimension, pixels: z.instanceof(ArrayBuffer) }),
  z.strictObject({ kind: z.literal('reset') }),
]);
