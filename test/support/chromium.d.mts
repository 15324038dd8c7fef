import type { Browser } from 'playwright-core';

/** Flags for a quiet headless Chromium that fetches nothing on its own. */
export const QUIET_CHROMIUM_ARGS: readonly string[];
/** The Debian Chromium (`command -v chromium`); throws with what to install when there is none. */
export function chromiumPath(): string;
/** Launches headless Chromium with the quiet flags and then `args`. */
export function launchHeadlessChromium(args?: readonly string[]): Promise<Browser>;
