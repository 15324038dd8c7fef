import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { PageId } from '../../console/src/app/pages.js';
import { createStaff } from '../../hub/console/staff-accounts.js';
import type { Hub } from '../../hub/hub.js';
import { startHubServer, type RunningHub } from '../../hub/server/hub-server.js';
import type { StaffRole } from '../../shared/console/console-api.js';
import { testClock, testHub } from '../hub/hub-fixtures.js';
import { chromiumPath, QUIET_CHROMIUM_ARGS } from '../support/chromium.mjs';
import { ROOT } from './support/e2e-browser.js';

/** Where the console's screenshots go (git-ignored): look at them as a clerk would. */
export const CONSOLE_ARTIFACTS = join(ROOT, 'test-artifacts/console');

/**
 * Chromium as the bureau's office runs it: a Chinese browser, so the page's own native controls
 * (a file input's button, a date input's order) read as a clerk sees them. `--lang` sets it on
 * Windows and macOS; on Linux Chromium takes its UI language from LANGUAGE, and the words from the
 * chromium-l10n package (without it the controls stay English: install it, apt-get install chromium-l10n).
 */
async function launchChineseChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...QUIET_CHROMIUM_ARGS, '--lang=zh-CN'],
    env: { ...process.env, LANGUAGE: 'zh_CN', LANG: 'zh_CN.UTF-8' },
  });
}

/**
 * On each console page, the test id of what the page shows only once its first read has landed
 * (the tests that walk every page seed a card, a terminal and a flag, so each page has one).
 */
const PAGE_LOADED: Readonly<Record<PageId, string>> = {
  overview: 'overview-cards',
  cards: 'card-table',
  usage: 'usage-total-uses',
  flags: 'flags-open-by-kind',
  terminals: 'terminal-table',
  rules: 'rules-table',
  keys: 'keys-table',
  staff: 'staff-table',
  'staff-log': 'log-table',
};

/** The two screens the bureau's office has. */
export const SCREENS = { laptop: { width: 1366, height: 768 }, desktop: { width: 1920, height: 1080 } } as const;

/** One browser (its own cookies) on the console, as a member of staff sees it. */
export class ConsolePage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly hubUrl: string,
    /** Script errors and CSP refusals the page met (a refused 401 is the console's own answer, not listed). */
    readonly errors: string[],
  ) {}

  static async open(browser: Browser, hubUrl: string, screen: { width: number; height: number } = SCREENS.laptop): Promise<ConsolePage> {
    const context = await browser.newContext({ viewport: screen, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    // A step that cannot happen fails with its locator well inside the test's minute.
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await page.goto(`${hubUrl}/console/`);
    return new ConsolePage(context, page, hubUrl, errors);
  }

  tid(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /**
   * Opens a page from the navigation and waits until it shows what it read. The page changes on
   * the hash change, after the click has returned, and fetches its data after it shows: a wait for
   * `main h1` can find the page before, and `networkidle` does not help (Playwright fires it once
   * per document, so after the first page it is already there).
   */
  async goTo(page: PageId): Promise<void> {
    await this.tid(`nav-${page}`).click();
    await this.page.locator(`[data-testid="nav-${page}"][aria-current="page"]`).waitFor();
    await this.tid(PAGE_LOADED[page]).waitFor();
  }

  async signIn(id: string, password: string): Promise<void> {
    await this.tid('sign-in-id').fill(id);
    await this.tid('sign-in-password').fill(password);
    await this.tid('sign-in-submit').click();
  }

  /** A POST straight from the page (same origin, the session's cookie), with the CSRF token the session answer gives: what a crafted request inside the console could do. */
  async postFromPage(path: string, body: unknown): Promise<{ status: number; error: string | undefined }> {
    return this.page.evaluate(
      async ({ path, body }) => {
        const session = (await (await fetch('/console/api/session')).json()) as { csrfToken: string };
        const r = await fetch(`/console/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-jinka-csrf': session.csrfToken },
          body: JSON.stringify(body),
        });
        const answer = (await r.json()) as { error?: string };
        return { status: r.status, error: answer.error };
      },
      { path, body },
    );
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(CONSOLE_ARTIFACTS, { recursive: true });
    await this.page.screenshot({ path: join(CONSOLE_ARTIFACTS, `${name}.png`), fullPage: true });
  }

  /** Screenshots at both office screen sizes. */
  async screenshots(name: string): Promise<void> {
    for (const [label, size] of Object.entries(SCREENS)) {
      await this.page.setViewportSize(size);
      await this.screenshot(`${name}-${label}`);
    }
    await this.page.setViewportSize(SCREENS.laptop);
  }

  get url(): string {
    return this.hubUrl;
  }

  /** Closes the browser context, failing when the page met a script error or a CSP refusal. */
  async close(): Promise<void> {
    await this.context.close();
    if (this.errors.length > 0) throw new Error(`console page errors: ${JSON.stringify(this.errors)}`);
  }
}

/** The password every console test gives an account: the account's id and `-password-1`. */
export function staffPassword(id: string): string {
  return `${id}-password-1`;
}

/** One member of staff a console test signs in as (name defaults to a plain Chinese name for the role, as a clerk's account would read). */
export interface TestStaff {
  id: string;
  role: StaffRole;
  name?: string;
}

/** Display names of test accounts that name none. */
const DEFAULT_NAMES: Readonly<Record<StaffRole, string>> = { admin: '周建华', officer: '李晓梅', auditor: '赵文静' };

/** Adds the staff accounts as the CLI would, each with its `staffPassword`; a refusal fails the set-up. */
export async function addStaff(hub: Hub, staff: readonly TestStaff[]): Promise<void> {
  for (const { id, role, name } of staff) {
    const added = await createStaff(hub, { id, name: name ?? DEFAULT_NAMES[role], role, password: staffPassword(id) }, { actor: 'cli:test', address: 'local' });
    if (!added.ok) throw new Error(JSON.stringify(added.error));
  }
}

/** A free local port, chosen before the hub starts, for a hub whose public URL must name it. */
async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export interface ConsoleSetup {
  staff: readonly TestStaff[];
  /** The hub's clock (default: a test clock at now). */
  clock?: () => number;
  /** Runs on the hub after the staff are added and before it is served (e.g. issuing cards). */
  seed?: (hub: Hub) => Promise<void>;
  /** Serve with `console.publicUrl` naming the hub's own address (the enrolment QR names it). */
  publicUrl?: boolean;
}

/** The hub, its server and Chromium a console describe block shares, with the ways in to its pages. */
export interface ConsoleHub {
  readonly hub: Hub;
  readonly url: string;
  /** A fresh browser context on the console's sign-in page. */
  open(): Promise<ConsolePage>;
  /** Opens a page, hands it to `use`, and closes it (failing on page errors) whatever `use` did. */
  withPage(use: (c: ConsolePage) => Promise<void>): Promise<void>;
  /** As `withPage`, signed in first as `id` with its `staffPassword`. */
  signedIn(id: string, use: (c: ConsolePage) => Promise<void>): Promise<void>;
}

/**
 * One home for the console tests' set-up: inside a `describe`, registers the hooks that make a
 * test hub with `staff`, serve it on a free port and launch Chromium, and take them down after.
 */
export function useConsoleHub(setup: ConsoleSetup): ConsoleHub {
  let made: Awaited<ReturnType<typeof testHub>> | undefined;
  let server: RunningHub | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/console/index.html'))) throw new Error('e2e: the console is not built. Run: npm run build:console');
    made = await testHub(setup.clock ?? testClock(Date.now()));
    await addStaff(made.hub, setup.staff);
    await setup.seed?.(made.hub);
    if (setup.publicUrl === true) {
      const port = await freePort();
      server = await startHubServer(made.hub, { port, console: { publicUrl: `http://127.0.0.1:${port}` } }, () => undefined);
    } else {
      server = await startHubServer(made.hub, { port: 0 }, () => undefined);
    }
    browser = await launchChineseChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await made?.cleanup();
  });

  const ready = (): { made: NonNullable<typeof made>; server: RunningHub; browser: Browser } => {
    if (made === undefined || server === undefined || browser === undefined) throw new Error('e2e: setup failed');
    return { made, server, browser };
  };
  const open = async (): Promise<ConsolePage> => {
    const { browser, server } = ready();
    return ConsolePage.open(browser, server.url);
  };
  const withPage = async (use: (c: ConsolePage) => Promise<void>): Promise<void> => {
    const c = await open();
    try {
      await use(c);
    } finally {
      await c.close();
    }
  };
  return {
    get hub() {
      return ready().made.hub;
    },
    get url() {
      return ready().server.url;
    },
    open,
    withPage,
    signedIn: (id, use) =>
      withPage(async (c) => {
        await c.signIn(id, staffPassword(id));
        await use(c);
      }),
  };
}
