import { buildDist } from './built-dist.js';

/** Vitest global setup of the integration projects: compile once, before any test file runs. */
export default async function setup(): Promise<void> {
  await buildDist();
}
