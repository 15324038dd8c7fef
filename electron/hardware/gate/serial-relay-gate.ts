import type { GateSettings } from '../../../shared/hardware/hardware-settings.js';
import { loadSerialPort } from '../serial-port-loader.js';
import { GateError, sleep, withTimeout, type GateDriver } from './gate-driver.js';

type RelaySettings = Extract<GateSettings, { kind: 'serial-relay' }>;

/** "A0 01 01 A2" → its bytes. */
export function hexBytes(frame: string): Buffer {
  return Buffer.from(frame.replace(/\s+/g, ''), 'hex');
}

/**
 * A USB/serial relay board (the common single-channel boards: `A0 01 01 A2` closes the relay,
 * `A0 01 00 A1` opens it, 9600 baud). The port is opened for each pulse and closed after, so
 * a board unplugged and plugged back in works again at the next use.
 */
export function serialRelayGate(settings: RelaySettings): GateDriver {
  return {
    async pulse() {
      const SerialPort = await loadSerialPort().catch(() => {
        throw new GateError('serial support (serialport) is not installed');
      });
      const port = new SerialPort({ path: settings.path, baudRate: settings.baudRate, autoOpen: false });
      // A failed write also surfaces as a stream 'error' event; the write's callback reports it.
      port.on('error', () => undefined);
      const write = (frame: string) =>
        new Promise<void>((done, fail) => {
          port.write(hexBytes(frame), (error) => (error ? fail(new GateError(`relay ${settings.path}: ${error.message}`)) : port.drain((e) => (e ? fail(new GateError(`relay ${settings.path}: ${e.message}`)) : done()))));
        });
      const run = async () => {
        await new Promise<void>((done, fail) => port.open((error) => (error ? fail(new GateError(`relay ${settings.path}: ${error.message}`)) : done())));
        await write(settings.openFrame);
        await sleep(settings.pulseMs);
        await write(settings.closeFrame);
      };
      try {
        await withTimeout(run(), settings.timeoutMs + settings.pulseMs, `relay ${settings.path}`);
      } finally {
        if (port.isOpen) await new Promise<void>((done) => port.close(() => done()));
      }
    },
  };
}
