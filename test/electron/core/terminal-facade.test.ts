import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Terminal } from '../../../electron/core/terminal.js';
import { TerminalStores } from '../../../electron/core/terminal-stores.js';
import { tempDir } from '../../support/fixtures.js';

const ROOT = join(import.meta.dirname, '../../..');
const THIS_FILE = relative(ROOT, import.meta.filename);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(tsx?|mts|mjs)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** A reach past the facade: a terminal's `.stores`, or the core's own way in (`storesOf`). */
const REACH = /\.stores\b|\bstoresOf\b/;

/** The files, of those given, that reach into a terminal's stores from outside electron/core. */
function leaks(files: readonly { path: string; text: string }[]): string[] {
  return files.filter((f) => !f.path.startsWith('electron/core/') && f.path !== THIS_FILE && REACH.test(f.text)).map((f) => f.path);
}

/**
 * The terminal's stores are the core's own: the API handlers, the CLI, the demo, the gate,
 * the transports and the tests ask the core for what they want (history, session audit,
 * operators, settings, sync status, counts), so a rule is never re-derived from raw rows
 * outside it. A test that checks a store itself opens the store on the terminal's folder.
 */
describe('the Terminal facade', () => {
  it('no code outside electron/core reaches terminal.stores, in the sources or the tests', () => {
    const files = ['electron', 'hub', 'renderer/src', 'shared', 'node', 'test'].flatMap(sources).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
    expect(files.length).toBeGreaterThan(100);
    expect(leaks(files)).toEqual([]);
  });

  it('the check finds a reach planted in an API handler, a test or a transport, and lets the core be', () => {
    const planted = [
      { path: 'electron/api/planted.ts', text: 'const n = terminal.stores.usage.total();' },
      { path: 'test/sync/planted.test.ts', text: "import { storesOf } from '../../electron/core/terminal.js';" },
      { path: 'electron/bridge/planted.ts', text: 'this.terminal.stores\n  .db.prepare("DELETE FROM usage")' },
      { path: 'electron/core/sync/planted.ts', text: 'const stores = storesOf(terminal);' },
      { path: 'electron/api/fine.ts', text: 'const { stores: s } = options; // a word, not a reach' },
    ];
    expect(leaks(planted)).toEqual(['electron/api/planted.ts', 'test/sync/planted.test.ts', 'electron/bridge/planted.ts']);
  });

  it('the stores are private to the type checker and at run time (a script that is not type-checked finds none)', () => {
    const reach = (terminal: Terminal): unknown =>
      // @ts-expect-error the stores are private: `tsc` fails if they become public again
      terminal.stores;
    const { dir, cleanup } = tempDir();
    const terminal = Terminal.create(dir);
    try {
      expect(reach(terminal)).toBeUndefined();
      expect(Object.values(terminal).some((v) => v instanceof TerminalStores)).toBe(false);
    } finally {
      terminal.close();
      cleanup();
    }
  });
});
