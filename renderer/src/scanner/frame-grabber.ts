import type { Frame } from './decoder/decoder-types.js';

/** Longest side handed to the decoder: enough for a small QR, cheap enough for several frames a second. */
const MAX_SIDE = 1280;

/** Copies the current video picture into RGBA pixels for the decoder (null until the video has a frame). */
export class FrameGrabber {
  private canvas = document.createElement('canvas');
  private context = this.canvas.getContext('2d', { willReadFrequently: true });

  grab(video: HTMLVideoElement): Frame | null {
    if (this.context === null || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null;
    const { videoWidth, videoHeight } = video;
    if (videoWidth === 0 || videoHeight === 0) return null;
    const scale = Math.min(1, MAX_SIDE / Math.max(videoWidth, videoHeight));
    const width = Math.round(videoWidth * scale);
    const height = Math.round(videoHeight * scale);
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.drawImage(video, 0, 0, width, height);
    const image = this.context.getImageData(0, 0, width, height);
    return { width, height, data: image.data };
  }
}
