import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/core/sync/atomic-file.js';
import { tempDir } from '../../support/fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

describe('files that name cards are written 0600 whatever the umask', () => {
  it.skipIf(process.platform === 'win32')('writeFileAtomic (sync export, the pending key) under umask 000, over a looser .partial left behind', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const target = join(dir, 'upload.jsonl');
    writeFileSync(`${target}.partial`, 'half');
    chmodSync(`${target}.partial`, 0o666);
    const before = process.umask(0);
    try {
      writeFileAtomic(target, ['a\n', 'b\n']);
    } finally {
      process.umask(before);
    }
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toBe('a\nb\n');
  });
});
