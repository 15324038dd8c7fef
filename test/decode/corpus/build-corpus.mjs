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

/** Builds the corpus if it is missing or stale; returns its manifest. */
export async function ensureCorpus({ log = () => {} } = {}) {
  const tokens = loadCardTokens();
  const key = corpusKey();
  const manifestPath = join(CORPUS_DIR, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.key === key) return manifest;
  }
  rmSync(CORPUS_DIR, { recursive: true, force: true });
  mkdirSync(CORPUS_DIR, { recursive: true });
  const modules = tokens.map(qrModules);
  const specs = corpusSpecs(modules.map((m) => m.size));
  log(`rendering ${specs.length} corpus frames into ${CORPUS_DIR} …`);
  const geometry = await renderAll(specs, modules);
  const frames = specs.map((spec) => ({
    ...spec,
    file: `${spec.id}.png`,
    token: spec.tokenIndex === null ? null : tokens[spec.tokenIndex],
    geometry: geometry.get(spec.id),
  }));
  const manifest = { key, tokens: tokens.length, frames };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

async function renderAll(specs, modules) {
  const threads = Math.max(1, Math.min(4, availableParallelism()));
  const geometry = new Map();
  await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const share = specs.filter((_, i) => i % threads === t);
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./render-worker.mjs', import.meta.url), { workerData: { specs: share, modules, outDir: CORPUS_DIR } });
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
  hash.update(readFileSync(TOKENS_FILE));
  return hash.digest('hex').slice(0, 16);
}
