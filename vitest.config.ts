import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, fastest first (README "Tests"):
 * - unit: shared rules and the terminal core on temp databases; no process, server or browser
 *   (`npm run test:unit`, well under 30 s);
 * - integration: API handlers, the hub, sync, the command lines, device drivers over
 *   pseudo-terminals, the crash test; dist/ is compiled once first (global setup);
 * - e2e: the counter UI and the camera decoder in Chromium; dist/ and dist/renderer built once first.
 * `npm test` runs all three.
 */
const UNIT = [
  'test/smoke.test.ts',
  'test/shared/**/*.test.ts',
  'test/property/**/*.test.ts',
  'test/renderer/**/*.test.ts',
  'test/electron/core/**/*.test.ts',
  'test/electron/main/**/*.test.ts',
  'test/decode/corpus.test.ts',
  'test/decode/locate-joined.test.ts',
  'test/decode/module-grid.test.ts',
  'test/decode/camera-decoder.test.ts',
  'test/decode/finder-partners.test.ts',
  'test/decode/reader-options.test.ts',
  'test/cli/describe-failure.test.ts',
];
const E2E = ['test/e2e/**/*.test.ts', 'test/decode/decoder.test.ts'];
/**
 * Integration files that vi.mock a module their subjects import: a mock only reaches modules loaded
 * after it, so these get a fresh worker each (project `integration-mocks`) while the other
 * integration files share their worker's modules.
 */
const MOCKS = ['test/hub/console/console-lockout.test.ts', 'test/hub/terminals/terminal-auth.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll gives up after 1 s by default: under CI load a page's fetch can answer later
    // than that, while the pages' own locator waits allow 10–15 s.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Vitest runs cores − 1 files at once by default: one at a time on the 2-core CI, while most
    // files wait on SQLite, sockets or child processes. One per core (at least two) overlaps them.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      // Unit and integration files share their worker's modules (isolate off: a file no longer pays
      // for a new process and its imports; import time roughly halves). A unit file that vi.mocks a
      // module must be the only one importing it: ipc.test.ts mocks 'electron'. The integration files
      // that vi.mock a module the hub loads (MOCKS) run isolated, since the mock misses a module cached
      // by a file before (terminal-auth's verification count fails that way).
      { extends: true, test: { name: 'unit', include: UNIT, isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: [...UNIT, ...E2E, ...MOCKS], isolate: false, globalSetup: ['test/support/global-build.ts'] } },
      { extends: true, test: { name: 'integration-mocks', include: MOCKS } },
      { extends: true, test: { name: 'e2e', include: E2E, globalSetup: ['test/support/global-build-e2e.ts'] } },
    ],
  },
});
