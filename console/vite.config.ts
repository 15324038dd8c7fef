import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { shippedBuild } from '../vite-production.js';

const consoleRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The bureau console's pages: bundled whole (no CDN; fonts come from the system), with relative
 * asset paths so the hub serves them under /console/ (hub/console/console-static.ts). The
 * Content-Security-Policy is the console's (hub/console/console-guard.ts): no inline script.
 */
export default defineConfig(({ command }) => ({
  root: consoleRoot,
  base: './',
  plugins: [shippedBuild(command), react()],
  server: { fs: { allow: [repoRoot] } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // No inline module-preload helper or data: URLs: the CSP allows only the console's own files.
    assetsInlineLimit: 0,
  },
}));
