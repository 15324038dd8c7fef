import { buildDist, buildRenderer } from './built-dist.js';

/** Vitest global setup of the browser project: the compiled bridge and the built counter UI, once. */
export default function setup(): void {
  buildDist();
  buildRenderer();
}
