import { afterEach, beforeEach } from 'vitest';
import { Terminal } from '../../../electron/core/terminal.js';
import { enrolTerminal } from '../../../electron/core/sync/enrol.js';
import type { Decision } from '../../../shared/decision/decision-types.js';
import { at, makeAuthority, provisionedTerminal, type TestAuthority } from '../../support/fixtures.js';
import { FakeHub } from './fake-hub.js';

import { testClock, type TestClock } from '../../support/test-clock.js';

export { testClock, type TestClock };

/** A provisioned terminal on a temporary folder that can be closed and opened again (a restart). */
export interface TestTerminal {
  terminal: Terminal;
  dir: string;
  reopen(): Terminal;
  cleanup(): void;
}

/** A provisioned terminal whose clock is `clock`. */
export function syncTerminal(authority: TestAuthority, clock: TestClock): TestTerminal {
  const made = provisionedTerminal(authority, { clock: () => clock.now });
  const handle: TestTerminal = {
    terminal: made.terminal,
    dir: made.dir,
    reopen() {
      handle.terminal.close();
      handle.terminal = Terminal.open(made.dir, () => clock.now);
      return handle.terminal;
    },
    cleanup() {
      made.cleanup();
    },
  };
  return handle;
}

/** Enrols a terminal at a hub (throws when the hub refuses: a test set-up failure). */
export async function enrol(terminal: Terminal, hubUrl: string, terminalId: string, code: string, service = 'cinema'): Promise<void> {
  const result = await enrolTerminal(terminal, { hubUrl, code, terminalId, site: `${terminalId} site`, service });
  if (!result.ok) throw new Error(`enrolment failed: ${JSON.stringify(result.error)}`);
}

/** Verifies a card at the cinema at `atMs` and records the use when accepted. */
export function useCinema(terminal: Terminal, token: string, atMs: number): Decision {
  const verified = terminal.verify({ token, service: 'cinema', atMs, companions: {} });
  if (verified.decision.decision === 'accept') {
    const recorded = terminal.record(verified.id);
    if (!recorded.ok) return { ...verified.decision, decision: 'reject', reasons: [recorded.error === 'QUOTA_EXHAUSTED' ? 'QUOTA_EXHAUSTED' : 'NOT_ENTITLED'] };
  }
  return verified.decision;
}

/** Instants one day apart from 2026-06-01 10:00 Shanghai, for uses that never trip DUPLICATE. */
export const dayN = (n: number): number => at('2026-06-01T10:00:00+08:00') + n * 86_400_000;

/** What most sync tests start from: an authority, a clock, a fake hub and one provisioned terminal. */
export interface SyncEnv {
  authority: TestAuthority;
  clock: TestClock;
  hub: FakeHub;
  t1: TestTerminal;
}

/**
 * Registers beforeEach/afterEach hooks that build a fresh SyncEnv for every test (enrolled
 * as `enrolAs` when given) and tear it down; the returned object is filled in before each test.
 */
export function useSyncEnv(options: { enrolAs?: string; hubOnRealClock?: boolean } = {}): SyncEnv {
  const env = {} as SyncEnv;
  beforeEach(async () => {
    env.authority = makeAuthority();
    env.clock = testClock();
    env.hub = await new FakeHub(options.hubOnRealClock === true ? Date.now : () => env.clock.now).start();
    env.t1 = syncTerminal(env.authority, env.clock);
    if (options.enrolAs !== undefined) await enrol(env.t1.terminal, env.hub.url, options.enrolAs, 'ENROL-CODE-1');
  });
  afterEach(async () => {
    env.t1.cleanup();
    await env.hub.stop();
  });
  return env;
}
