import { buildDist } from './built-dist.js';

/** Vitest global setup of the integration project: compile once, before any test file runs. */
export default function setup(): void {
  buildDist();
}
