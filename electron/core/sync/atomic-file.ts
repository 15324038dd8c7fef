import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file whole or not at all: into `FILE.partial`, fsynced, then renamed over
 * `FILE` (and the folder fsynced where the platform allows), so a pulled USB stick or a
 * power cut never leaves half a file under the real name. The file gets `mode` (by default
 * 0600: an upload file names cards and uses) whatever the umask, and whatever mode a
 * `.partial` left from an earlier attempt had.
 */
export function writeFileAtomic(target: string, chunks: Iterable<string>, mode = 0o600): void {
  const partial = `${target}.partial`;
  const fd = openSync(partial, 'w', mode);
  try {
    if (process.platform !== 'win32') fchmodSync(fd, mode);
    for (const chunk of chunks) writeSync(fd, chunk);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  syncFolder(dirname(target));
}

function syncFolder(dir: string): void {
  // Windows cannot open a folder for fsync; the rename is durable enough there.
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: some file systems (FAT on a USB stick) refuse fsync on a folder.
  }
}
