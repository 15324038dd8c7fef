import { buildConsole, buildDist, buildRenderer } from './built-dist.js';

/**
 * Vitest global setup of the browser project: the compiled bridge, the built counter UI and the
 * console's pages, once, the three at the same time (nothing else runs while a global setup does).
 */
export default async function setup(): Promise<void> {
  await Promise.all([buildDist(), buildRenderer(), buildConsole()]);
}
