import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hasOperators } from '../core/operator-accounts.js';
import { DB_FILE } from '../core/store/database.js';
import { Terminal } from '../core/terminal.js';
import { createDemo } from './create-demo.js';
import { seedDemoCounter } from './demo-counter.js';

/**
 * Makes sure the demo exists in `outDir` without replacing it: creates it when the data
 * folder has no database, and adds the demo sign-ins to a demo made before they existed.
 */
export async function ensureDemo(outDir: string): Promise<{ dataDir: string; created: boolean }> {
  const dataDir = join(outDir, 'data');
  if (!existsSync(join(dataDir, DB_FILE))) {
    await createDemo(outDir);
    return { dataDir, created: true };
  }
  const terminal = Terminal.open(dataDir);
  try {
    if (!hasOperators(terminal)) await seedDemoCounter(terminal);
  } finally {
    terminal.close();
  }
  return { dataDir, created: false };
}
