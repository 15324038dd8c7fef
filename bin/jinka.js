#!/usr/bin/env node
// The `jinka` command: runs the compiled terminal core (npm run build makes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('jinka: not built yet — run `npm run build` in the Jinka folder first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
await main();
