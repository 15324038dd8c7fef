import { afterEach, describe, expect, it, vi } from 'vitest';
import { passOnAnswer } from '../../../renderer/src/scanner/decode-answer.js';
import { startFrameScheduler } from '../../../renderer/src/scanner/frame-scheduler.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('handing a decode on', () => {
  it('hands the text read on, and nothing when nothing was read', async () => {
    const seen: string[] = [];
    await passOnAnswer(Promise.resolve('JK1.abc'), (text) => seen.push(text));
    await passOnAnswer(Promise.resolve(null), (text) => seen.push(text));
    expect(seen).toEqual(['JK1.abc']);
  });

  it('logs a decoder that failed and resolves', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failure = new Error('worker gone');
    await expect(passOnAnswer(Promise.reject(failure), () => undefined)).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith('jinka: decode failed', failure);
  });

  it('logs a verdict handler that throws instead of losing it, and the camera loop goes on to the next frame', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failure = new Error('verdict screen broke');
    let onFrame = (): void => undefined;
    let grabs = 0;
    let now = 0;
    const stop = startFrameScheduler({
      clock: { now: () => now, set: () => 0, clear: () => undefined },
      feed: (callback) => {
        onFrame = callback;
        return () => undefined;
      },
      offer: () => {
        grabs += 1;
        return passOnAnswer(Promise.resolve('JK1.abc'), () => {
          throw failure;
        });
      },
    });
    onFrame();
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('jinka:'), failure);
    now = 33;
    onFrame();
    expect(grabs).toBe(2);
    stop();
  });
});
