import type { TerminalSettings } from '../../shared/api/api-types.js';
import type { HardwareView, ScannerSettings } from '../../shared/hardware/hardware-settings.js';
import type { HardwarePort } from '../api/hardware-port.js';
import { runDetached } from '../core/sync/detached.js';
import type { Terminal } from '../core/terminal.js';
import { terminalSettings } from '../core/terminal-settings.js';
import { GateController } from './gate/gate-controller.js';
import { ScanQueue } from './serial-scanner/scan-queue.js';
import { SerialScanner } from './serial-scanner/serial-scanner.js';

/** The counter's devices, closed with the terminal. */
export interface CounterHardware extends HardwarePort {
  close(): Promise<void>;
}

/** Options for tests: how soon a lost scanner port is tried again. */
export interface CounterHardwareOptions {
  reconnectMs?: number;
}

/**
 * The gate output and the serial scanner of one counter (Electron main and browser mode),
 * following the settings in force: the gate reads them at each pulse, the scanner's port is
 * reopened when its settings change.
 */
export function createCounterHardware(terminal: Terminal, options: CounterHardwareOptions = {}): CounterHardware {
  const gate = new GateController(terminal, () => terminalSettings(terminal));
  const scans = new ScanQueue();
  let scanner: SerialScanner | undefined;
  let scannerKey = JSON.stringify({ kind: 'none' } satisfies ScannerSettings);

  function configure(settings: TerminalSettings): void {
    const key = JSON.stringify(settings.scanner);
    if (key === scannerKey) return;
    scannerKey = key;
    const old = scanner;
    scanner = undefined;
    scans.clear();
    if (old !== undefined) runDetached(old.close(), () => undefined);
    if (settings.scanner.kind === 'serial') scanner = new SerialScanner(settings.scanner, (code) => scans.push(code), options.reconnectMs);
  }

  return {
    openForUse: (useId) => gate.openForUse(useId),
    test: (operator) => gate.test(operator),
    nextScan: (after, waitMs) => scans.next(after, waitMs),
    view: (): HardwareView => ({ scanner: scanner?.status() ?? { state: 'off', message: null }, gate: gate.status() }),
    configure,
    async close() {
      scans.close();
      await scanner?.close();
      scanner = undefined;
    },
  };
}
