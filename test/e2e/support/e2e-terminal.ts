import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startWeb, type WebTerminal } from '../../../electron/bridge/start-web.js';
import { createDemo } from '../../../electron/demo/create-demo.js';
import { createHttpApi } from '../../../shared/api/http-client.js';
import type { ApiChannel, ApiInput, ApiOutputs, JinkaApi } from '../../../shared/api/terminal-api.js';
import { CounterPage } from './counter-page.js';
import { chromiumPath } from '../../support/chromium.mjs';
import { makeFakeCamera, type FakeCameraOptions } from '../../support/fake-camera.mjs';
import { assertRendererBuilt, launchChromium, RENDERER_DIR } from './e2e-browser.js';

/** The demo's sample cards (electron/demo/demo-cards.ts). */
export const DEMO_CARD_NAMES = ['gold-a', 'gold-b', 'gold-c', 'huicai', 'expired', 'not-yet-valid', 'revoked', 'forged', 'phone-code'] as const;

/** A demo card's file name. */
export type DemoCardName = (typeof DEMO_CARD_NAMES)[number];

/** A fresh demo terminal behind the HTTP bridge, and one Chromium for the test file. */
export interface E2eTerminal {
  browser: Browser;
  /** The URL `npm run start:web` would print (with #token=…). */
  pageUrl: string;
  /** The same API the page calls, over the same bridge and token (it shares the page's session). */
  api: JinkaApi;
  /** Calls the API and unwraps a success; throws with the error otherwise. */
  value<C extends ApiChannel>(channel: C, input: ApiInput<C>): Promise<ApiOutputs[C]>;
  /** Each demo card's token text. */
  cards: Record<DemoCardName, string>;
  /** Opens the counter in a new browser context, signed out, on the sign-in screen. */
  openCounter(): Promise<CounterPage>;
  close(): Promise<void>;
}

/** How a test file's terminal starts: with `cameraCard`, the fake camera plays that card's QR, its loop cut as `cameraLoop` says. */
export interface E2eTerminalOptions {
  cameraCard?: DemoCardName;
  cameraLoop?: Partial<FakeCameraOptions>;
}

/**
 * Starts what `npm run start:web` starts — the real core and the HTTP bridge serving
 * dist/renderer — on a demo made for this test file alone, and launches Chromium. With
 * `cameraCard`, Chromium's fake camera plays that card's QR (see test/support/fake-camera.mjs).
 * Fails loudly, before any work, when Chromium or the built UI is missing.
 */
export async function startE2eTerminal(options: E2eTerminalOptions = {}): Promise<E2eTerminal> {
  chromiumPath();
  assertRendererBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'jinka-e2e-'));
  let web: WebTerminal | null = null;
  let browser: Browser | null = null;
  try {
    const demoDir = join(dir, 'demo');
    const demo = await createDemo(demoDir);
    const cards = Object.fromEntries(demo.cards.map((c) => [c.file, c.token])) as Record<DemoCardName, string>;
    const camera =
      options.cameraCard === undefined ? undefined : makeFakeCamera(join(demoDir, 'cards', `${options.cameraCard}.png`), join(dir, `${options.cameraCard}.y4m`), options.cameraLoop);
    web = await startWeb({ dataDir: demo.dataDir, demoDir, port: 0, rendererDir: RENDERER_DIR });
    browser = await launchChromium(camera === undefined ? {} : { camera });
    const api = createHttpApi(web.bridge.origin, web.bridge.token);
    const value = async <C extends ApiChannel>(channel: C, input: ApiInput<C>): Promise<ApiOutputs[C]> => {
      const result = await api.call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    const started = { web, browser };
    return {
      browser,
      pageUrl: web.bridge.pageUrl,
      api,
      value,
      cards,
      openCounter: async () => {
        // One session per terminal: sign out whoever the last test left signed in.
        const out = await api.call('session.signOut', {});
        if (!out.ok && out.error.code !== 'NOT_SIGNED_IN') throw new Error(`session.signOut failed: ${out.error.code}`);
        return CounterPage.open(started.browser, started.web.bridge.pageUrl);
      },
      close: async () => {
        await started.browser.close();
        await started.web.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await web?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
