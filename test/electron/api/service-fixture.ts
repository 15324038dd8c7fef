import type { Role } from '../../../shared/api/api-types.js';
import type { ApiChannel, ApiInput, ApiOutputs } from '../../../shared/api/terminal-api.js';
import { addOperator } from '../../../electron/core/operator-accounts.js';
import type { Terminal } from '../../../electron/core/terminal.js';
import type { HardwarePort } from '../../../electron/api/hardware-port.js';
import { createTerminalService, type TerminalService } from '../../../electron/api/terminal-service.js';
import { at, makeAuthority, provisionedTerminal, type TestAuthority } from '../../support/fixtures.js';

/** A provisioned terminal with one operator (op1/1234) and one supervisor (boss/999999), a settable clock and its service. */
export interface ServiceFixture {
  authority: TestAuthority;
  terminal: Terminal;
  dir: string;
  service: TerminalService;
  clock: { ms: number };
  /** Moves only the wall clock (a clock set back or forward); the service's monotonic clock stays put. */
  setWallClock(deltaMs: number): void;
  logged: unknown[];
  /** Calls and unwraps a success; fails the test with the error otherwise. */
  value<C extends ApiChannel>(channel: C, input: ApiInput<C>): Promise<ApiOutputs[C]>;
  signIn(role?: Role): Promise<void>;
  /** Sets the clock to `ms`; whoever was signed in signs in again (a jump past the idle time ends a session). */
  jumpClock(ms: number): Promise<void>;
  cleanup(): void;
}

/** Builds the fixture at 2026-06-01 10:00 Shanghai; `hardware` wires devices (a gate, a serial scanner) to its terminal. */
export async function serviceFixture(options: { hardware?: (terminal: Terminal) => HardwarePort } = {}): Promise<ServiceFixture> {
  const authority = makeAuthority();
  const clock = { ms: at('2026-06-01T10:00:00+08:00') };
  const { terminal, dir, cleanup } = provisionedTerminal(authority, { clock: () => clock.ms });
  for (const op of [
    { id: 'op1', name: '收银员', role: 'operator' as const, pin: '1234' },
    { id: 'boss', name: '主管', role: 'supervisor' as const, pin: '999999' },
  ]) {
    const added = await addOperator(terminal, op);
    if (!added.ok) throw new Error(added.error);
  }
  const logged: unknown[] = [];
  const hardware = options.hardware?.(terminal);
  // The monotonic clock follows the wall clock, except across setWallClock (a clock changed by hand).
  let wallSkew = 0;
  const service = createTerminalService(terminal, {
    log: (_channel, error) => logged.push(error),
    monotonic: () => clock.ms - wallSkew,
    ...(hardware === undefined ? {} : { hardware }),
  });
  const value = async <C extends ApiChannel>(channel: C, input: ApiInput<C>): Promise<ApiOutputs[C]> => {
    const result = await service.call(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const signIn = async (role: Role = 'operator') => {
    await value('session.signIn', role === 'operator' ? { operatorId: 'op1', pin: '1234' } : { operatorId: 'boss', pin: '999999' });
  };
  return {
    authority,
    terminal,
    dir,
    service,
    clock,
    setWallClock: (deltaMs) => {
      clock.ms += deltaMs;
      wallSkew += deltaMs;
    },
    logged,
    value,
    signIn,
    jumpClock: async (ms) => {
      const current = await value('session.current', {});
      clock.ms = ms;
      if (current !== null) await signIn(current.role);
    },
    cleanup,
  };
}
