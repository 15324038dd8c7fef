import { existsSync } from 'node:fs';
import type { TerminalSettings } from '../../../shared/api/api-types.js';
import type { DeviceState, GateOutcome } from '../../../shared/hardware/hardware-settings.js';
import type { Terminal } from '../../core/terminal.js';
import { auditGateTest, claimGateOpen, gateOpened, voidUse } from '../../core/use-void.js';
import { createGate } from './create-gate.js';
import { gateErrorText } from './gate-driver.js';

/** The gate as the status bar shows it: the outcome of the last pulse. */
export interface GateStatus {
  state: DeviceState;
  message: string | null;
}

/**
 * Drives the gate output for recorded uses: at most one opening per use (claimed in the
 * database before the pulse), and a use whose gate never opened is voided by an appended
 * audit entry so the holder's quota is not spent. Pulses run one at a time.
 */
export class GateController {
  private last: GateStatus = { state: 'ready', message: null };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly terminal: Terminal, private readonly settings: () => TerminalSettings) {}

  /** Opens the gate once for a use recorded at this terminal. */
  openForUse(useId: string): Promise<GateOutcome> {
    return this.serial(async () => {
      const driver = createGate(this.settings().gate);
      if (driver === undefined) return { state: 'none' } as const;
      const claim = claimGateOpen(this.terminal, useId);
      // Never without a recorded use, never twice for one (a retry, a replayed call, a restart).
      if (claim === 'no-use') return { state: 'failed', useId, message: 'no use recorded with this id', voided: false } as const;
      if (claim === 'already') return { state: 'already', useId } as const;
      try {
        await driver.pulse();
        gateOpened(this.terminal, useId);
        this.last = { state: 'ready', message: null };
        return { state: 'opened', useId } as const;
      } catch (error) {
        const message = gateErrorText(error);
        this.last = { state: 'error', message };
        const voided = voidUse(this.terminal, useId, `gate did not open: ${message}`) !== undefined;
        return { state: 'failed', useId, message, voided } as const;
      }
    });
  }

  /** The supervisor's test: one pulse with no use behind it, audited with who asked for it. */
  test(operator?: string): Promise<GateOutcome> {
    return this.serial(async () => {
      const driver = createGate(this.settings().gate);
      if (driver === undefined) return { state: 'none' } as const;
      let outcome: GateOutcome;
      try {
        await driver.pulse();
        this.last = { state: 'ready', message: null };
        outcome = { state: 'opened', useId: '' };
      } catch (error) {
        const message = gateErrorText(error);
        this.last = { state: 'error', message };
        outcome = { state: 'failed', useId: '', message, voided: false };
      }
      auditGateTest(this.terminal, outcome.state, operator);
      return outcome;
    });
  }

  /** 'off' without a gate, 'missing' when the relay board's port is not there, else the outcome of the last pulse. */
  status(): GateStatus {
    const gate = this.settings().gate;
    if (gate.kind === 'none') return { state: 'off', message: null };
    if (gate.kind === 'serial-relay' && !existsSync(gate.path)) return { state: 'missing', message: gate.path };
    return this.last;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
