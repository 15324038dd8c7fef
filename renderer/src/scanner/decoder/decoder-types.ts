/** A camera frame handed to the decoder (RGBA pixels, as from a canvas). */
export interface Frame {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Decodes QR codes from camera frames off the UI thread. */
export interface QrDecoder {
  /** The text of the first QR code found in the frame, or null. Never rejects for an unreadable frame. */
  decode(frame: Frame): Promise<string | null>;
  /** Forgets every earlier frame: nothing seen before this call is reported after it. */
  reset(): void;
  /** Stops the worker. */
  dispose(): void;
}
