/**
 * Writes the degraded-QR corpus to test-artifacts/decode-corpus/: one PNG per frame and a
 * manifest.json naming each frame's token and degradations. Rebuilt only when the
 * generator or the tokens change (a hash of both is kept in the manifest). Node only.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import QRCode from 'qrcode';
import { corpusSpecs } from './corpus-spec.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(here, '..', '..', '..');
export const CORPUS_DIR = join(REPO_ROOT, 'test-artifacts', 'decode-corpus');
const TOKENS_FILE = join(here, '..', 'fixtures', 'card-tokens.json');

/** The card tokens of the corpus, as signed by make-card-tokens.mjs. */
export function loadCardTokens() {
  return JSON.parse(readFileSync(TOKENS_FILE, 'utf8')).tokens.map((t) => t.token);
}

/** The QR matrix a card token is printed as (error correction M, as the issuer prints it). */
export function qrModules(token) {
  const { modules } = QRCode.create(token, { errorCorrectionLevel: 'M' });
  return { size: modules.size, data: Uint8Array.from(modules.data) };
}

/** Where a split's frames are written ("measure" keeps the first corpus's folder). */
export function corpusDir(split = 'measure') {
  return split === 'measure' ? CORPUS_DIR : join(REPO_ROOT, 'test-artifacts', `decode-corpus-${split}`);
}

/** Builds a split of the corpus (see corpus-spec.mjs) if it is missing or stale; returns its manifest. */
export async function ensureCorpus({ log = () => {}, split = 'measure' } = {}) {
  const tokens = loadCardTokens();
  const key = corpusKey();
  const dir = corpusDir(split);
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.key === key) return manifest;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const modules = tokens.map(qrModules);
  const specs = corpusSpecs(modules.map((m) => m.size), split);
  log(`rendering ${specs.length} corpus frames (${split} split) into ${dir} …`);
  const geometry = await renderAll(specs, modules, dir);
  const frames = specs.map((spec) => ({
    ...spec,
    file: `${spec.id}.png`,
    token: spec.tokenIndex === null ? null : tokens[spec.tokenIndex],
    geometry: geometry.get(spec.id),
  }));
  const manifest = { key, split, tokens: tokens.length, frames };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

async function renderAll(specs, modules, outDir) {
  const threads = Math.max(1, Math.min(4, availableParallelism()));
  const geometry = new Map();
  await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const share = specs.filter((_, i) => i % threads === t);
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./render-worker.mjs', import.meta.url), { workerData: { specs: share, modules, outDir } });
        worker.on('message', ({ id, geometry: g }) => geometry.set(id, g));
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`corpus renderer exited with ${code}`))));
      });
    }),
  );
  return geometry;
}

function corpusKey() {
  const hash = createHash('sha256');
  for (const file of readdirSync(here).filter((f) => f.endsWith('.mjs')).sort()) hash.update(readFileSync(join(here, file)));
  hash.update(JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'jpeg-js', 'package.json'), 'utf8')).version);
  hash.update(readFileSync(TOKENS_FILE));
  return hash.digest('hex').slice(0, 16);
}
