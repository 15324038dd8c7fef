/**
 * What the decode bench and the decoder test share: building the bench page with Vite
 * (the app's own renderer/vite.config.ts, so the decoder worker is built exactly as the
 * app builds it), serving it on 127.0.0.1 under the app's CSP, and a headless Debian
 * Chromium that can reach nothing but that server.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchHeadlessChromium } from '../support/chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
export const PAGE_DIR = join(repoRoot, 'test-artifacts', 'decode-bench', 'page');

/** Builds bench-page/ into test-artifacts/decode-bench/page; returns the output directory. */
export async function buildBenchPage({ outDir = PAGE_DIR } = {}) {
  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'renderer', 'vite.config.ts'),
    root: join(here, 'bench-page'),
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.png': 'image/png', '.json': 'application/json', '.css': 'text/css' };

/**
 * Serves `mounts` (URL prefix → directory) and `files` (URL path → bytes) on 127.0.0.1,
 * every answer under `csp`. Resolves to { origin, close() }.
 */
export function startServer({ mounts, files = new Map(), csp }) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const body = files.get(path) ?? readMounted(mounts, path === '/' ? '/index.html' : path);
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': csp, 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

function readMounted(mounts, path) {
  for (const [prefix, dir] of Object.entries(mounts)) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(normalize(dir) + sep) || !existsSync(file)) continue;
    return readFileSync(file);
  }
  return null;
}

/** Headless Chromium that cannot resolve any host but 127.0.0.1. */
export function launchChromium() {
  return launchHeadlessChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
}

/**
 * Opens the bench page with every request that is not to `origin` aborted (workers'
 * requests included) and recorded. Resolves to { page, context, requests, blocked }.
 */
export async function openBenchPage(browser, origin) {
  const context = await browser.newContext();
  const requests = [];
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction("document.title === 'ready'", null, { timeout: 30_000 });
  return { page, context, requests, blocked, errors };
}
