import { buildConsole, buildDist, buildRenderer } from './built-dist.js';

/** Vitest global setup of the browser project: the compiled bridge, the built counter UI and the console's pages, once. */
export default function setup(): void {
  buildDist();
  buildRenderer();
  buildConsole();
}
