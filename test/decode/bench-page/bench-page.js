/* global window, document, fetch, createImageBitmap, OffscreenCanvas, performance */
/**
 * The page the decode bench and the decoder test drive in Chromium. It bundles the
 * terminal's own decoder (renderer/src/scanner/decoder: the same worker the app ships)
 * and html5-qrcode 2.3.8 as an app would use it for a camera, and exposes both on
 * window.decodeBench. Frames are loaded before anything is timed.
 */
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { createQrDecoder } from '../../../renderer/src/scanner/decoder/index.ts';

const frames = new Map();

/** Fetches PNG frames (same origin) and keeps their RGBA pixels, keyed by name. */
async function loadFrames(urls) {
  for (const url of urls) {
    const blob = await (await fetch(url)).blob();
    const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    frames.set(url, context.getImageData(0, 0, bitmap.width, bitmap.height));
  }
  return frames.size;
}

let jinka = null;

/**
 * Decodes each named frame with the terminal's pipeline as a camera shows it: the same
 * scene offered as consecutive frames, up to `framesPerRead` (the worker time-slices its
 * fallback looks over consecutive frames), until one reads. Per frame:
 * the text, the wall time of each camera frame's decode (`calls`), their sum (`ms`, the
 * time to read) and how many frames it took.
 */
async function runJinka(urls, framesPerRead = 12) {
  jinka ??= createQrDecoder();
  const out = [];
  for (const url of urls) {
    const image = frames.get(url);
    const calls = [];
    let text = null;
    let transferred = false;
    while (text === null && calls.length < framesPerRead) {
      // The decoder takes the buffer over (transfer): give it a copy, made before timing.
      const frame = { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
      const start = performance.now();
      text = await jinka.decode(frame);
      calls.push(performance.now() - start);
      transferred = frame.data.byteLength === 0;
    }
    out.push({ url, text, ms: calls.reduce((a, b) => a + b, 0), calls, frames: calls.length, transferred });
  }
  return out;
}

let html5 = null;

/**
 * Decodes each frame the way Html5Qrcode's camera loop does: the frame drawn on its canvas,
 * then the library's decoder (ZXing-js, or BarcodeDetector where the browser has one).
 */
async function runHtml5(urls) {
  html5 ??= new Html5Qrcode('html5-qrcode-reader', { formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE], verbose: false });
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const out = [];
  for (const url of urls) {
    const image = frames.get(url);
    canvas.width = image.width;
    canvas.height = image.height;
    context.putImageData(image, 0, 0);
    const start = performance.now();
    let text;
    try {
      // The same call Html5Qrcode.scanContext() makes on every camera frame.
      text = (await html5.qrcode.decodeAsync(canvas)).text;
    } catch {
      text = null;
    }
    out.push({ url, text, ms: performance.now() - start });
  }
  return out;
}

/** Decodes one ImageData made in the page (e.g. a camera frame); its buffer is transferred. */
async function decodeImage(image) {
  jinka ??= createQrDecoder();
  return jinka.decode({ width: image.width, height: image.height, data: image.data });
}

/** Offers frames back to back without waiting; resolves to every answer, in order. */
async function decodeBurst(urls) {
  jinka ??= createQrDecoder();
  const answers = urls.map((url) => {
    const image = frames.get(url);
    return jinka.decode({ width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) });
  });
  return Promise.all(answers);
}

/** What the decoder answers for a frame whose pixels do not match its size (it must not throw). */
async function decodeMalformed() {
  jinka ??= createQrDecoder();
  return jinka.decode({ width: 640, height: 480, data: new Uint8ClampedArray(100) });
}

window.decodeBench = {
  decodeBurst,
  decodeImage,
  decodeMalformed,
  loadFrames,
  runJinka,
  runHtml5,
  nativeBarcodeDetector: 'BarcodeDetector' in window,
};
document.title = 'ready';
