import { assertNever } from '../../../shared/assert.js';
import type { GateSettings } from '../../../shared/hardware/hardware-settings.js';
import type { GateDriver } from './gate-driver.js';
import { httpGate } from './http-gate.js';
import { modbusTcpGate } from './modbus-tcp-gate.js';
import { serialRelayGate } from './serial-relay-gate.js';

/** The driver for the gate output in the settings; undefined when no gate is fitted. */
export function createGate(settings: GateSettings): GateDriver | undefined {
  switch (settings.kind) {
    case 'none':
      return undefined;
    case 'serial-relay':
      return serialRelayGate(settings);
    case 'modbus-tcp':
      return modbusTcpGate(settings);
    case 'http':
      return httpGate(settings);
    default:
      return assertNever(settings);
  }
}
