import type { Frame, QrDecoder } from './decoder-types.js';
import type { DecodeReply, DecodeRequest, ResetRequest } from './worker-protocol.js';

/** A frame that takes longer than this is abandoned and the worker restarted. */
const FRAME_TIMEOUT_MS = 5_000;
/** After this many worker crashes in a row the decoder stops restarting it (every frame → null). */
const MAX_RESTARTS = 3;

interface Pending {
  id: number;
  resolve: (text: string | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Waiting {
  frame: Frame;
  resolve: (text: string | null) => void;
}

/**
 * Creates the camera QR decoder: zxing-wasm in a dedicated worker, so decoding never holds
 * up the UI thread. The frame's pixel buffer is transferred to the worker, not copied:
 * do not use `frame.data` after decode(). One frame is decoded at a time; a frame offered
 * meanwhile waits, and is replaced (answered null) by a newer one.
 */
export function createQrDecoder(): QrDecoder {
  const decoder = new WorkerQrDecoder(() => new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module', name: 'jinka-qr-decoder' }));
  // Start the worker (and its wasm compile, ~0.3 s) now, not on the first camera frame.
  decoder.prepare();
  return decoder;
}

/** The decoder over a worker factory; the worker is respawned after a crash or a stuck frame. */
class WorkerQrDecoder implements QrDecoder {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private waiting: Waiting | null = null;
  private nextId = 1;
  private crashes = 0;
  private disposed = false;
  private reportedFailure = false;

  constructor(private readonly spawn: () => Worker) {}

  /** Starts the worker ahead of the first frame; a failure surfaces (as null) on decode. */
  prepare(): void {
    if (this.disposed || this.crashes >= MAX_RESTARTS) return;
    try {
      this.ensureWorker();
    } catch (error) {
      this.report(`decoder worker unavailable: ${String(error)}`);
    }
  }

  decode(frame: Frame): Promise<string | null> {
    return new Promise((resolve) => {
      if (this.disposed || this.crashes >= MAX_RESTARTS || !isWholeFrame(frame)) {
        resolve(null);
        return;
      }
      if (this.pending === null) {
        this.send(frame, resolve);
        return;
      }
      this.waiting?.resolve(null);
      this.waiting = { frame, resolve };
    });
  }

  /**
   * The worker drops any paused fallback session before the next frame, so nothing seen
   * before now is reported after it; a frame still waiting to be sent is answered null.
   */
  reset(): void {
    this.waiting?.resolve(null);
    this.waiting = null;
    if (this.worker === null) return;
    const request: ResetRequest = { kind: 'reset' };
    try {
      this.worker.postMessage(request);
    } catch (error) {
      // The worker is gone: the fresh one spawned for the next frame has no session anyway.
      this.report(`decoder reset not sent: ${String(error)}`);
      this.restart(this.pending?.id ?? -1);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.worker?.terminate();
    this.worker = null;
    this.settle(null);
    this.waiting?.resolve(null);
    this.waiting = null;
  }

  private send(frame: Frame, resolve: (text: string | null) => void): void {
    let worker: Worker;
    let pixels: ArrayBuffer;
    try {
      worker = this.ensureWorker();
      pixels = ownBuffer(frame.data);
    } catch (error) {
      this.report(`decoder worker unavailable: ${String(error)}`);
      resolve(null);
      return;
    }
    const id = this.nextId++;
    this.pending = { id, resolve, timer: setTimeout(() => this.restart(id), FRAME_TIMEOUT_MS) };
    const request: DecodeRequest = { kind: 'decode', id, width: frame.width, height: frame.height, pixels };
    try {
      worker.postMessage(request, [pixels]);
    } catch (error) {
      this.report(`frame not sent to the decoder: ${String(error)}`);
      this.settle(null);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = this.spawn();
    worker.onmessage = (event: MessageEvent<DecodeReply>) => this.onReply(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.crashes++;
      this.report(`decoder worker failed: ${event.message}`);
      this.restart(this.pending?.id ?? -1);
    };
    worker.onmessageerror = () => this.restart(this.pending?.id ?? -1);
    this.worker = worker;
    return worker;
  }

  private onReply(reply: DecodeReply): void {
    if (this.pending === null || reply.id !== this.pending.id) return;
    this.crashes = 0;
    if (reply.failure !== undefined) this.report(reply.failure);
    this.settle(reply.text);
  }

  /** Answers the frame in flight and starts the one waiting, if any. */
  private settle(text: string | null): void {
    const pending = this.pending;
    this.pending = null;
    if (pending !== null) {
      clearTimeout(pending.timer);
      pending.resolve(text);
    }
    const waiting = this.waiting;
    if (waiting !== null && !this.disposed) {
      this.waiting = null;
      if (this.crashes >= MAX_RESTARTS) waiting.resolve(null);
      else this.send(waiting.frame, waiting.resolve);
    }
  }

  /** Drops a stuck or crashed worker (a fresh one is spawned for the next frame). */
  private restart(id: number): void {
    if (this.pending !== null && this.pending.id !== id) return;
    this.worker?.terminate();
    this.worker = null;
    this.settle(null);
  }

  private report(message: string): void {
    if (this.reportedFailure) return;
    this.reportedFailure = true;
    console.error(`jinka: ${message}`);
  }
}

function isWholeFrame(frame: Frame): boolean {
  return Number.isInteger(frame.width) && Number.isInteger(frame.height) && frame.width > 0 && frame.height > 0 && frame.data.length === frame.width * frame.height * 4;
}

/** The frame's pixels as a buffer of their own, so they can be transferred without a copy. */
function ownBuffer(data: Uint8ClampedArray): ArrayBuffer {
  const { buffer } = data;
  if (buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === buffer.byteLength) return buffer;
  return data.slice().buffer;
}
