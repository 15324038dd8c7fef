import type { Page } from 'playwright-core';

/**
 * Where camera → verdict time goes, watched from outside the app (nothing in the app is
 * changed for it). Times are absolute (performance.timeOrigin + now), so the page's and the
 * decoding worker's clocks line up, and the page probe's times are converted to the same.
 */

/** A frame copied out of the video for the decoder (drawImage … getImageData on a canvas larger than the probe's 16×12). */
export interface GrabSeen {
  start: number;
  end: number;
}

/** A frame sent to the decoding worker (postMessage) and its answer back on the page. */
export interface RoundTripSeen {
  sent: number;
  answered: number | null;
  read: boolean;
}

/** Inside the worker: from the frame's message event to the answer's postMessage. */
export interface WorkerDecodeSeen {
  start: number;
  end: number;
}

/** A card.verify call over the HTTP bridge: fetch called → fetch resolved (headers and body). */
export interface VerifyCallSeen {
  start: number;
  end: number | null;
  /** The app's response.json() resolved: the counter goes on to show the verdict from here. */
  parsed: number | null;
}

/** A video frame: its capture (or presentation) time, and when the page's first requestVideoFrameCallback for it ran. */
export interface FrameSeen {
  earliest: number;
  announced: number;
}

export interface CameraTiming {
  timeOrigin: number;
  frames: FrameSeen[];
  grabs: GrabSeen[];
  roundTrips: RoundTripSeen[];
  verifies: VerifyCallSeen[];
  workerDecodes: WorkerDecodeSeen[];
}

interface TimingWindow {
  __jinkaCameraTiming: Omit<CameraTiming, 'workerDecodes'>;
}

const PAGE_SCRIPT = `(() => {
  const at = () => performance.timeOrigin + performance.now();
  const rec = { timeOrigin: performance.timeOrigin, grabs: [], roundTrips: [], verifies: [], frames: [] };
  window.__jinkaCameraTiming = rec;
  // Each video frame as the page is told of it: its earliest time (as the page probe takes it) and the callback's.
  const seenFrames = new Set();
  const askFrame = HTMLVideoElement.prototype.requestVideoFrameCallback;
  HTMLVideoElement.prototype.requestVideoFrameCallback = function (callback) {
    return askFrame.call(this, (now, meta) => {
      if (!seenFrames.has(meta.presentedFrames)) {
        seenFrames.add(meta.presentedFrames);
        const times = [now, meta.presentationTime, meta.captureTime].filter((t) => typeof t === 'number' && t > 0);
        rec.frames.push({ earliest: performance.timeOrigin + Math.min(...times), announced: at() });
        if (rec.frames.length > 2000) rec.frames.splice(0, 1000);
      }
      return callback(now, meta);
    });
  };
  const big = (ctx) => ctx.canvas.width > 16;
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    if (big(this) && args[0] instanceof HTMLVideoElement) rec.grabs.push({ start: at(), end: NaN });
    return draw.apply(this, args);
  };
  const read = CanvasRenderingContext2D.prototype.getImageData;
  CanvasRenderingContext2D.prototype.getImageData = function (...args) {
    const out = read.apply(this, args);
    const last = rec.grabs[rec.grabs.length - 1];
    if (big(this) && last !== undefined && Number.isNaN(last.end)) last.end = at();
    return out;
  };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      const byId = new Map();
      this.addEventListener('message', (e) => {
        const trip = byId.get(e.data && e.data.id);
        if (trip) { trip.answered = at(); trip.read = e.data.text !== null; }
      });
      this.__byId = byId;
    }
    postMessage(message, transfer) {
      if (message && typeof message.id === 'number') {
        const trip = { sent: at(), answered: null, read: false };
        rec.roundTrips.push(trip);
        this.__byId.set(message.id, trip);
      }
      return super.postMessage(message, transfer);
    }
  };
  const nativeFetch = window.fetch.bind(window);
  window.fetch = (url, init) => {
    if (!String(url).endsWith('/api/card.verify')) return nativeFetch(url, init);
    const call = { start: at(), end: null, parsed: null };
    rec.verifies.push(call);
    return nativeFetch(url, init).then((r) => r.clone().arrayBuffer().then(() => {
      call.end = at();
      const json = r.json.bind(r);
      r.json = () => json().then((body) => { call.parsed = at(); return body; });
      return r;
    }));
  };
})();`;

const WORKER_SCRIPT = `(() => {
  if (self.__jinkaDecodes) return;
  const at = () => performance.timeOrigin + performance.now();
  const decodes = [];
  self.__jinkaDecodes = decodes;
  let start = null;
  const handler = self.onmessage;
  if (typeof handler !== 'function') throw new Error('the decoding worker has no onmessage handler yet');
  self.onmessage = (event) => { start = at(); return handler.call(self, event); };
  const post = self.postMessage.bind(self);
  self.postMessage = (message, transfer) => {
    if (start !== null) decodes.push({ start, end: at() });
    start = null;
    return post(message, transfer);
  };
})()`;

/** Installs the page side before the app runs. */
export async function installCameraTiming(page: Page): Promise<void> {
  await page.addInitScript({ content: PAGE_SCRIPT });
}

/** Hooks the decoding worker(s) the page has started (call once the camera is live). */
export async function hookDecoderWorkers(page: Page): Promise<void> {
  if (page.workers().length === 0) await page.waitForEvent('worker', { timeout: 10_000 });
  for (const worker of page.workers()) await worker.evaluate(WORKER_SCRIPT);
}

/** A copy of everything recorded so far. */
export async function readCameraTiming(page: Page): Promise<CameraTiming> {
  const rec = await page.evaluate(() => JSON.parse(JSON.stringify((globalThis as unknown as TimingWindow).__jinkaCameraTiming)) as Omit<CameraTiming, 'workerDecodes'>);
  const workerDecodes: WorkerDecodeSeen[] = [];
  for (const worker of page.workers()) {
    const seen = await worker.evaluate(() => JSON.stringify((globalThis as unknown as { __jinkaDecodes?: WorkerDecodeSeen[] }).__jinkaDecodes ?? []));
    workerDecodes.push(...(JSON.parse(seen) as WorkerDecodeSeen[]));
  }
  return { ...rec, workerDecodes };
}

/** One scan's time, step by step (ms); null where a step was not seen. */
export interface ScanSteps {
  /** The QR's first frame in view → the grab of the frame that read. */
  waitForGrab: number;
  /**
   * Of that: the frame's capture → the first requestVideoFrameCallback for it running (the
   * camera, the browser's video pipeline and its main thread getting to the frame).
   */
  framePipeline: number | null;
  /** drawImage + getImageData of that frame. */
  grab: number;
  /** Frames grabbed after the QR entered the view, up to and including the one that read. */
  framesDecoded: number;
  /** Decoding in the worker (message in → answer out). */
  decode: number | null;
  /** The round trip to the worker and back, less the decode. */
  workerMessaging: number | null;
  /** The answer on the page → card.verify called (the quiet rule, React state, the API client). */
  toVerifyCall: number | null;
  /** card.verify over the HTTP bridge: the core's checks and its durable decision record. */
  verify: number | null;
  /** The answer received → parsed by the API client (JSON). */
  parse: number | null;
  /** Parsed → the verdict banner in the DOM (the counter's state, React's render and commit). */
  render: number | null;
  /** The banner in the DOM → the next animation frame (paint). */
  paint: number | null;
  total: number;
}

const nearest = <T extends { start: number }>(items: T[], after: number): T | undefined => items.find((i) => i.start >= after);

/**
 * Splits each scan's time into steps. `starts` and `verdicts` are the page probe's (page clock,
 * converted here with timeOrigin): the QR frame entering view, and the banner in the DOM / painted.
 */
export function scanSteps(timing: CameraTiming, scans: { start: number; inDom: number; painted: number | null }[]): ScanSteps[] {
  const abs = (pageMs: number): number => timing.timeOrigin + pageMs;
  return scans.map((scan) => {
    const start = abs(scan.start);
    const inDom = abs(scan.inDom);
    const verifyCall = nearest(timing.verifies, start);
    const until = verifyCall?.start ?? inDom;
    // The frame that read: the last round trip answered with a read before card.verify was called.
    const reads = timing.roundTrips.filter((t) => t.read && t.answered !== null && t.answered >= start && t.answered <= until);
    const readTrip = reads[reads.length - 1];
    const grabsSince = timing.grabs.filter((g) => g.end >= start && (readTrip === undefined || g.start <= readTrip.sent));
    const grab = grabsSince[grabsSince.length - 1];
    // The worker's clock and the page's agree to about a millisecond, not exactly.
    const decode = readTrip === undefined ? undefined : timing.workerDecodes.find((d) => d.start >= readTrip.sent - 1 && d.end <= (readTrip.answered ?? Infinity) + 1);
    const decodeMs = decode === undefined ? null : decode.end - decode.start;
    const tripMs = readTrip?.answered == null ? null : readTrip.answered - readTrip.sent;
    const frame = timing.frames.find((f) => Math.abs(f.earliest - start) < 0.5);
    return {
      waitForGrab: grab === undefined ? NaN : grab.start - start,
      framePipeline: frame === undefined ? null : frame.announced - frame.earliest,
      grab: grab === undefined ? NaN : grab.end - grab.start,
      framesDecoded: grabsSince.length,
      decode: decodeMs,
      workerMessaging: tripMs === null || decodeMs === null ? null : tripMs - decodeMs,
      toVerifyCall: verifyCall === undefined || readTrip?.answered == null ? null : verifyCall.start - readTrip.answered,
      verify: verifyCall?.end == null ? null : verifyCall.end - verifyCall.start,
      parse: verifyCall?.end == null || verifyCall.parsed === null ? null : verifyCall.parsed - verifyCall.end,
      render: verifyCall?.parsed == null ? null : inDom - verifyCall.parsed,
      paint: scan.painted === null ? null : scan.painted - scan.inDom,
      total: (scan.painted ?? scan.inDom) - scan.start,
    };
  });
}
