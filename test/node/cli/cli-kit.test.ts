import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitQuietlyOnClosedPipe, localeFromEnv } from '../../../node/cli/cli-kit.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the CLI kit both commands use', () => {
  it('speaks Chinese unless JINKA_LANG asks for English', () => {
    expect(localeFromEnv({})).toBe('zh');
    expect(localeFromEnv({ JINKA_LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(localeFromEnv({ JINKA_LANG: 'EN_us' })).toBe('en');
  });

  it('exits with the given status, quietly, when the reader closed the pipe', () => {
    // process.exit never returns: the stand-in throws so nothing after it runs either.
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exited');
    });
    const stream = new EventEmitter() as unknown as NodeJS.WriteStream;
    exitQuietlyOnClosedPipe(3, [stream]);
    expect(() => stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toThrow('exited');
    expect(exit).toHaveBeenCalledWith(3);
  });

  it('rethrows any other stream error', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stream = new EventEmitter() as unknown as NodeJS.WriteStream;
    exitQuietlyOnClosedPipe(0, [stream]);
    expect(() => stream.emit('error', Object.assign(new Error('disk'), { code: 'EIO' }))).toThrow('disk');
    expect(exit).not.toHaveBeenCalled();
  });
});
