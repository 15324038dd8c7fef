#!/usr/bin/env node
// `npm start`: the Electron terminal on the demo data where Electron can run; where its
// binary is missing, one line saying so and how to start the browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron executable, or null. Reads what require('electron') returns without letting it start a download. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  // Without path.txt, require('electron') would try to download the binary: treat it as missing.
  if (!existsSync(join(packageDir, 'path.txt')) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs an npm script of this package (when started through npm), stopping on failure. */
function npmRun(script) {
  const npm = process.env.npm_execpath;
  if (!npm) return;
  const result = spawnSync(process.execPath, [npm, 'run', script, '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const binary = electronBinary();
if (binary === null) {
  process.stderr.write('jinka: Electron 程序未安装，无法打开窗口（the Electron binary is missing）— 请改用浏览器模式：npm run start:web\n');
  process.exit(1);
}
npmRun('build');
npmRun('build:renderer');
const { ensureDemo } = await import(new URL('../dist/electron/demo/ensure-demo.js', import.meta.url).href);
const { dataDir } = await ensureDemo(join(root, '.jinka-demo'));
const child = spawn(binary, [root, '--data-dir', dataDir, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
