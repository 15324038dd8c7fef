#!/usr/bin/env node
// The `jinka-hub` command: the bureau's hub, compiled by `npm run build` into dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/hub/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('jinka-hub: not built yet — run `npm run build` in the Jinka folder first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
await main();
