import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { CounterPage } from './counter-page.js';
import { startE2eTerminal, type E2eTerminal, type E2eTerminalOptions } from './e2e-terminal.js';

/** What a test file gets: its terminal (after beforeAll) and counters opened per test. */
export interface E2eFile {
  /** The file's demo terminal, bridge and Chromium. */
  readonly terminal: E2eTerminal;
  /** Opens a counter on the sign-in screen; it is closed after the test, which fails on any uncaught page error. */
  openCounter(): Promise<CounterPage>;
}

/**
 * Registers the hooks of one end-to-end test file: a fresh demo terminal and one Chromium for
 * the whole file (beforeAll/afterAll), and the counters a test opened closed after it.
 */
export function useE2eTerminal(options: E2eTerminalOptions = {}): E2eFile {
  let terminal: E2eTerminal | undefined;
  const opened: CounterPage[] = [];

  beforeAll(async () => {
    terminal = await startE2eTerminal(options);
  });

  afterEach(async () => {
    const counters = opened.splice(0);
    for (const counter of counters) await counter.close();
    for (const counter of counters) expect(counter.pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  afterAll(async () => {
    await terminal?.close();
  });

  const file: E2eFile = {
    get terminal(): E2eTerminal {
      if (terminal === undefined) throw new Error('e2e: the terminal did not start (see the beforeAll error)');
      return terminal;
    },
    async openCounter() {
      const counter = await file.terminal.openCounter();
      opened.push(counter);
      return counter;
    },
  };
  return file;
}
