/** Messages between createQrDecoder() on the page and qr-worker.ts. */

/** Page → worker: one frame, its pixels transferred (not copied). */
export interface DecodeRequest {
  id: number;
  width: number;
  height: number;
  pixels: ArrayBuffer;
}

/** Worker → page: the answer for request `id`; `text` is null when no QR code was read. */
export interface DecodeReply {
  id: number;
  text: string | null;
  /** Set when the decoder itself could not start (e.g. the wasm was not found). */
  failure?: string;
}
