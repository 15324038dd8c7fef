import type { GateSettings } from '../../../shared/hardware/hardware-settings.js';
import { GateError, gateErrorText, sleep, withTimeout, type GateDriver } from './gate-driver.js';

type ModbusSettings = Extract<GateSettings, { kind: 'modbus-tcp' }>;

/**
 * A network I/O module of a turnstile controller: the coil is set (function 05) for the
 * pulse length, then cleared. A connection per pulse, closed after.
 */
export function modbusTcpGate(settings: ModbusSettings): GateDriver {
  return {
    async pulse() {
      // A CommonJS module: its exports object is the client class, and `default` names it too.
      const ModbusRTU = (await import('modbus-serial')).default.default;
      const client = new ModbusRTU();
      const where = `Modbus ${settings.host}:${settings.port} coil ${settings.coil}`;
      const run = async () => {
        await client.connectTCP(settings.host, { port: settings.port, timeout: settings.timeoutMs });
        client.setID(settings.unitId);
        client.setTimeout(settings.timeoutMs);
        await client.writeCoil(settings.coil, true);
        await sleep(settings.pulseMs);
        await client.writeCoil(settings.coil, false);
      };
      try {
        await withTimeout(run(), settings.timeoutMs * 3 + settings.pulseMs, where);
      } catch (error) {
        throw new GateError(error instanceof GateError ? error.message : `${where}: ${gateErrorText(error)}`);
      } finally {
        if (client.isOpen) await new Promise<void>((done) => client.close(() => done()));
      }
    },
  };
}
