import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ROOT } from './support/e2e-browser.js';

/** Where the console's screenshots go (git-ignored): look at them as a clerk would. */
export const CONSOLE_ARTIFACTS = join(ROOT, 'test-artifacts/console');

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
