/**
 * Hands a decode's text to `onText` (null: nothing read, nothing handed on). The promise it
 * returns only tells the frame scheduler the decoder is free again; it never rejects: a
 * failed decode, or an `onText` that throws, is logged here (the scheduler would swallow it).
 */
export function passOnAnswer(decoding: Promise<string | null>, onText: (text: string) => void): Promise<void> {
  return decoding
    .then((text) => {
      if (text !== null) onText(text);
    })
    .catch((error: unknown) => console.error('jinka: decode failed', error));
}
