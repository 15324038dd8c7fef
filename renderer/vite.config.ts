import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { shippedBuild } from '../vite-production.js';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The counter UI: bundled whole (no CDN; fonts come from the system), with relative asset
 * paths so the same build loads from file:// in Electron and from the local HTTP bridge.
 * The Content-Security-Policy is set by both transports (electron/renderer-host/security-headers.ts).
 */
export default defineConfig(({ command }) => ({
  root: rendererRoot,
  base: './',
  plugins: [shippedBuild(command), react()],
  worker: { format: 'es' },
  // shared/ lives beside renderer/: let the dev server read it.
  server: { fs: { allow: [repoRoot] } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
}));
