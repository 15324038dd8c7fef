import { describe, expect, it } from 'vitest';
import { workerRequestSchema } from '../../renderer/src/scanner/decoder/worker-protocol.js';

describe('the decoder worker accepts only well-formed requests', () => {
  it('a frame to decode and a reset', () => {
    expect(workerRequestSchema.safeParse({ kind: 'decode', id: 1, width: 640, height: 480, pixels: new ArrayBuffer(8) }).success).toBe(true);
    expect(workerRequestSchema.safeParse({ kind: 'reset' }).success).toBe(true);
  });

  it('nothing else', () => {
    for (const bad of [
      null,
      { kind: 'reset', id: 1 },
      { kind: 'restart' },
      { id: 1, width: 640, height: 480, pixels: new ArrayBuffer(8) },
      { kind: 'decode', id: 1, width: 0, height: 480, pixels: new ArrayBuffer(8) },
      { kind: 'decode', id: 1, width: 640, height: 480, pixels: new Uint8Array(8) },
    ]) {
      expect(workerRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
