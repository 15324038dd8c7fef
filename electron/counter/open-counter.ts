import { notEnrolledSyncPort } from '../api/sync-state.js';
import { createTerminalService, type TerminalService } from '../api/terminal-service.js';
import { SyncLoop } from '../core/sync/sync-loop.js';
import { loopSync } from '../core/sync/sync-port.js';
import { Terminal } from '../core/terminal.js';
import { createCounterHardware, type CounterHardware } from '../hardware/counter-hardware.js';

/** What both transports (the Electron window, the browser bridge) serve: one counter, assembled the same way. */
export interface Counter {
  terminal: Terminal;
  /** The hub sync, in the background once started (upload ~1 min, download ~5 min). */
  loop: SyncLoop;
  /** The gate output and the serial scanner, on the Node side, never in the renderer. */
  hardware: CounterHardware;
  service: TerminalService;
}

/**
 * Opens the terminal in `dataDir` with its sync loop, its devices and the API service over
 * them. Nothing runs yet: the transport starts the loop once it serves, and stops and closes
 * the parts in its own order. `log` hears failed sync rounds and failed API calls.
 */
export function openCounter(dataDir: string, log?: (message: string, error: unknown) => void): Counter {
  const terminal = Terminal.open(dataDir);
  try {
    const loop = new SyncLoop(terminal, log === undefined ? {} : { onError: (error) => log('sync round failed', error) });
    const sync = loopSync(loop, notEnrolledSyncPort(terminal));
    const hardware = createCounterHardware(terminal);
    const service = createTerminalService(terminal, {
      sync,
      hardware,
      ...(log === undefined ? {} : { log: (channel: string, error: unknown) => log(`${channel} failed`, error) }),
    });
    return { terminal, loop, hardware, service };
  } catch (error) {
    terminal.close();
    throw error;
  }
}
