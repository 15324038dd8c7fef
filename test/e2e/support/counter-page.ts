import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './e2e-browser.js';
import { installProbe, readProbe, resetProbe } from './page-probe.js';

/** A verdict as the counter shows it. */
export interface ShownVerdict {
  /** The banner's data-verdict: accept, reject, or pending (eldercare awaiting the parent). */
  verdict: string | null;
  /** The reason block's data-reason (rejections only). */
  reason: string | null;
  /** Warning codes shown (warning-<CODE>). */
  warnings: string[];
}

/** Settings a supervisor changes on the settings screen. */
export interface SettingsChange {
  service?: string;
  siteName?: string;
  language?: 'zh' | 'en';
  gateMode?: boolean;
  requireIdCheck?: boolean;
}

/** Longest wait for a screen to react (the suite runs beside other tests on two cores). */
const UI_TIMEOUT_MS = 10_000;

/** One counter in a browser tab: finds things by data-testid and does what a clerk does. */
export class CounterPage {
  /** Uncaught exceptions in the page; a test ends by checking there were none. */
  readonly pageErrors: string[] = [];
  /** Every text the page sent to card.verify, in order: what the scanner, camera or paste box delivered. */
  readonly verifiedTexts: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
  ) {
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('request', (request) => {
      if (request.url().endsWith('/api/card.verify')) this.verifiedTexts.push((JSON.parse(request.postData() ?? '{}') as { token?: string }).token ?? '');
    });
  }

  /** Opens the page in a fresh context (its own storage) at a counter-sized window, on the sign-in screen. */
  static async open(browser: Browser, url: string): Promise<CounterPage> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await installProbe(page);
    const counter = new CounterPage(page, context);
    await page.goto(url);
    await counter.tid('signin-id').waitFor();
    return counter;
  }

  tid(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** Types the operator id and PIN and presses Enter (does not wait for the outcome). */
  async submitSignIn(operatorId: string, pin: string): Promise<void> {
    await this.tid('signin-id').fill(operatorId);
    await this.tid('signin-pin').fill(pin);
    await this.tid('signin-pin').press('Enter');
  }

  /** Submits a sign-in and waits for the terminal's answer to reach the page: the error code shown (BAD_PIN, LOCKED_OUT), if any. */
  async trySignIn(operatorId: string, pin: string): Promise<string | null> {
    const answered = this.page.waitForResponse((r) => r.url().endsWith('/api/session.signIn'));
    await this.submitSignIn(operatorId, pin);
    await answered;
    await this.page.locator('[data-testid="scan-status"], [data-testid="signin-submit"]:enabled').first().waitFor();
    return (await this.tid('signin-error').count()) > 0 ? this.tid('signin-error').getAttribute('data-code') : null;
  }

  /** Signs in and waits for the scan screen. */
  async signIn(operatorId: 'op1' | 'admin'): Promise<void> {
    await this.submitSignIn(operatorId, operatorId === 'op1' ? '1234' : '999999');
    await this.tid('scan-status').waitFor();
  }

  /** The manual fallback: pastes the text into the paste box and presses Enter. */
  async paste(text: string): Promise<void> {
    await this.tid('paste-input').fill(text);
    await this.tid('paste-input').press('Enter');
  }

  /**
   * A keyboard-wedge scanner: the code typed fast, with or without a closing Enter. By default as
   * fast as the browser takes keys; `delayMs` 5 is a real scanner's pace, for the tests of the
   * wedge's timing (wedge-scan.test.ts). Answers the longest gap between two keys as the page
   * received them: a stall of the test machine longer than the scanner pause (400 ms mid-code)
   * cuts a code in two, as it would for a real scanner, and this says so when a scan test fails;
   * the faster the burst, the shorter the time a stall can fall into it.
   */
  async wedge(text: string, options: { enter?: boolean; delayMs?: number } = {}): Promise<{ longestGapMs: number }> {
    await resetProbe(this.page);
    await this.page.keyboard.type(text, { delay: options.delayMs ?? 0 });
    if (options.enter ?? true) await this.page.keyboard.press('Enter');
    const { keys } = await readProbe(this.page);
    const gaps = keys.slice(1).map((key, i) => key.at - (keys[i]?.at ?? key.at));
    return { longestGapMs: Math.max(0, ...gaps) };
  }

  /** For a failure message: what reached card.verify, and the longest pause inside the scanner's burst. */
  scanReport(burst?: { longestGapMs: number }): string {
    const sent = this.verifiedTexts.map((t) => `${t.length} chars "${t.slice(0, 12)}…${t.slice(-6)}"`).join(', ');
    return `card.verify received: [${sent}]${burst === undefined ? '' : `; longest gap between keys: ${burst.longestGapMs.toFixed(0)} ms`}`;
  }

  /** Waits for a verdict screen (attended or gate) and reads it. */
  async verdict(): Promise<ShownVerdict> {
    const word = this.tid('verdict');
    await word.waitFor();
    const banner = word.locator('xpath=..');
    const reasons = this.tid('reason');
    const warnings: string[] = [];
    for (const item of await this.page.locator('[data-testid^="warning-"]').all()) {
      warnings.push(((await item.getAttribute('data-testid')) ?? '').replace(/^warning-/, ''));
    }
    return {
      verdict: await banner.getAttribute('data-verdict'),
      reason: (await reasons.count()) > 0 ? await reasons.first().getAttribute('data-reason') : null,
      warnings,
    };
  }

  /** Leaves the verdict with Esc (records nothing) and waits for the scan screen. */
  async backToScan(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.tid('scan-status').waitFor();
  }

  /**
   * As the supervisor: signs `admin` in (signing out whoever is at the counter), F3, changes the
   * fields, saves and closes the settings with Esc, which signs the supervisor out; then `op1`
   * signs in again and the scan screen is back.
   */
  async saveSettings(change: SettingsChange): Promise<void> {
    await this.page.locator('[data-testid="scan-status"], [data-testid="signin-id"]').first().waitFor();
    if ((await this.tid('signin-id').count()) === 0) {
      await this.page.keyboard.press('F9');
      await this.tid('signin-id').waitFor();
    }
    await this.signIn('admin');
    await this.page.keyboard.press('F3');
    await this.tid('settings-save').waitFor();
    if (change.siteName !== undefined) await this.tid('settings-siteName').fill(change.siteName);
    if (change.service !== undefined) await this.tid('settings-service').selectOption(change.service);
    if (change.language !== undefined) await this.tid('settings-language').selectOption(change.language);
    if (change.requireIdCheck !== undefined) await this.tid('settings-requireIdCheck').setChecked(change.requireIdCheck);
    if (change.gateMode !== undefined) await this.tid('settings-gateMode').setChecked(change.gateMode);
    await this.tid('settings-save').click();
    await this.page.locator('[data-testid="settings-message"][role="status"]').waitFor();
    await this.page.keyboard.press('Escape');
    await this.tid('signin-id').waitFor();
    await this.signIn('op1');
  }

  /** Focus is back on the counter (not in a field), so the next scanner burst counts as a scan. */
  async waitForScanFocus(): Promise<void> {
    await this.page.waitForFunction(() => {
      const active = (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement;
      return active !== null && active.tagName === 'MAIN';
    });
  }

  /** Saves a screenshot of the whole window to test-artifacts/e2e/<name>.png. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const path = join(ARTIFACTS_DIR, `${name}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
