import type { TerminalSettings } from '../../shared/api/api-types.js';
import type { GateOutcome, HardwareView } from '../../shared/hardware/hardware-settings.js';

/**
 * The counter's devices as the API sees them (electron/hardware implements it): the gate
 * output and the serial-mode scanner. The API never drives a device directly.
 */
export interface HardwarePort {
  /** Opens the gate once for a recorded use (persisted; a second call answers 'already'); voids the use when it cannot. */
  openForUse(useId: string): Promise<GateOutcome>;
  /** Pulses the gate in force with no use behind it (the supervisor's "test the gate"). */
  test(operator?: string): Promise<GateOutcome>;
  /** The next scanner code numbered after `after`, waiting up to `waitMs`; null when none came. */
  nextScan(after: number, waitMs: number): Promise<{ seq: number; code: string } | null>;
  /** Scanner and gate state for the status bar. */
  view(): HardwareView;
  /** Follows new settings (a scanner port opened or closed). */
  configure(settings: TerminalSettings): void;
}

/** No devices wired (tests of other parts, the CLI): no gate is fitted, no scanner reads. */
export const NO_HARDWARE: HardwarePort = {
  openForUse: () => Promise.resolve({ state: 'none' }),
  test: () => Promise.resolve({ state: 'none' }),
  nextScan: (_after, waitMs) => new Promise((done) => setTimeout(() => done(null), Math.min(waitMs, 1000))),
  view: () => ({ scanner: { state: 'off', message: null }, gate: { state: 'off', message: null } }),
  configure: () => undefined,
};
