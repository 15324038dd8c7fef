import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CliError } from './cli-error.js';

/** Most bytes `verify -` reads: a card token is at most 4096 characters (§4), 4 bytes each at most, and a line end. */
export const MAX_TOKEN_INPUT_BYTES = 4 * 4096 + 64;

/** Most bytes any other reading of standard input takes (a PIN, a reason). */
export const MAX_STDIN_BYTES = 64 * 1024;

/** Reads `fd` until its end or until more than `maxBytes` arrived; undefined when there was more. */
function readCapped(fd: number, maxBytes: number): Buffer | undefined {
  const chunk = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      // A non-blocking pipe with nothing yet: wait briefly rather than spin.
      if ((e as { code?: unknown }).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (n === 0) return Buffer.concat(parts, total);
    total += n;
    if (total > maxBytes) return undefined;
    parts.push(Buffer.from(chunk.subarray(0, n)));
  }
}

/** Standard input as text, at most `maxBytes` of it: /dev/zero or an endless pipe is refused, never read into memory; `why` says what the limit is for. */
export function readStdinBounded(maxBytes: number, why?: string): string {
  const read = readCapped(0, maxBytes);
  if (read === undefined) throw new CliError({ code: 'STDIN_TOO_LARGE', maxBytes, why: why ?? null });
  return read.toString('utf8');
}

/**
 * A file the operator named, as bytes, at most `maxBytes`: only a regular file is read, so a
 * device (/dev/zero) or a FIFO is refused at once instead of being read forever or waited on
 * (it is opened non-blocking, which never waits for a FIFO's writer).
 */
export function readFileBounded(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new CliError(code === 'ENOENT' ? { code: 'FILE_MISSING', file } : { code: 'FILE_UNREADABLE', file, why: typeof code === 'string' ? code : 'open error' });
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new CliError({ code: 'FILE_IS_FOLDER', file });
    if (!stat.isFile()) throw new CliError({ code: 'FILE_NOT_REGULAR', file });
    if (stat.size > maxBytes) throw new CliError({ code: 'FILE_TOO_LARGE', file, maxBytes });
    const read = readCapped(fd, maxBytes);
    if (read === undefined) throw new CliError({ code: 'FILE_GREW', file, maxBytes });
    return read;
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new CliError({ code: 'FILE_UNREADABLE', file, why: typeof code === 'string' ? code : 'read error' });
  } finally {
    closeSync(fd);
  }
}

/** Bytes as UTF-8 text, or undefined when they are not text (a NUL byte or an invalid sequence: a binary file). */
export function textOf(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
