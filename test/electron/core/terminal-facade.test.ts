import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
/** Files outside the core that still reach into the stores, each to be moved behind the core (none may be added). */
const NOT_YET_CLOSED = ['electron/cli/open-terminal.ts'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/**
 * The terminal's stores are the core's own: the API handlers, the CLI, the demo and the
 * transports ask the core for what they want (history, session audit, operators, counts),
 * so a rule is never re-derived from raw rows outside it.
 */
describe('the Terminal facade', () => {
  it('no code outside electron/core reads terminal.stores', () => {
    const leaks = [...sources('electron'), ...sources('hub'), ...sources('renderer/src')]
      .filter((file) => !file.startsWith('electron/core/') && !NOT_YET_CLOSED.includes(file))
      .filter((file) => /\.stores\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(leaks).toEqual([]);
  });
});
