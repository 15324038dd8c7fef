import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/built-dist.js';

const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** `vite build` of one config into a temp folder, run the way a shell with `NODE_ENV` set runs it; its scripts' text. */
function buildWith(config: string, nodeEnv: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'jinka-bundle-'));
  outDirs.push(outDir);
  const args = [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'];
  return new Promise((done, fail) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: nodeEnv } }, (error, stdout, stderr) => {
      if (error) {
        fail(new Error(`vite build ${config} failed: ${String(stdout)}${String(stderr)}`, { cause: error }));
        return;
      }
      const scripts = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
      done(scripts.map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('\n'));
    });
  });
}

/**
 * What `npm run build:renderer` / `build:console` leave in dist/ is what ships, whoever runs
 * them: a shell (or vitest) with NODE_ENV=test or development must still get React's production
 * build, not its development one (jsxDEV calls, owner stacks, about half again the script).
 */
describe('the shipped bundles', () => {
  for (const config of ['renderer/vite.config.ts', 'console/vite.config.ts']) {
    it(`${config} builds React's production build under NODE_ENV=test`, { timeout: 180_000 }, async () => {
      const scripts = await buildWith(config, 'test');
      expect(scripts.length).toBeGreaterThan(1000);
      // Booleans, so a failure names what was found rather than printing the whole bundle.
      expect({ jsxDEV: scripts.includes('jsxDEV'), ownerStacks: scripts.includes('react-stack-top-frame') }).toEqual({ jsxDEV: false, ownerStacks: false });
    });
  }
});
