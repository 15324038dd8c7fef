import type { TerminalSettings } from '../../../shared/api/api-types.js';
import { gateSettingsSchema, scannerSettingsSchema, type GateSettings, type ScannerSettings } from '../../../shared/hardware/hardware-settings.js';
import { CliError } from '../cli-error.js';

const NUMERIC = new Set(['baudRate', 'pulseMs', 'timeoutMs', 'port', 'unitId', 'coil', 'expectedStatus', 'pauseMs']);

/** `gate.*` and `scanner.*` pairs of `jinka settings --set`, collected per device. */
export interface HardwareArgs {
  gate: Record<string, string | number>;
  scanner: Record<string, string | number>;
}

/** Takes a `gate.key=value` or `scanner.key=value` pair; false when the key is not one of them. */
export function takeHardwarePair(args: HardwareArgs, key: string, value: string): boolean {
  const [device, field, ...rest] = key.split('.');
  if ((device !== 'gate' && device !== 'scanner') || field === undefined || field === '' || rest.length > 0) return false;
  if (NUMERIC.has(field)) {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) throw new CliError({ code: 'SET_NOT_A_NUMBER', key, value });
    args[device][field] = n;
  } else args[device][field] = value;
  return true;
}

function oneLine(prefix: string, error: { issues: { path: PropertyKey[]; message: string }[] }): CliError {
  const issue = error.issues[0];
  return new CliError({ code: 'SET_INVALID', key: `${prefix}${issue === undefined ? '' : `.${issue.path.map(String).join('.')}`}`, detail: issue?.message ?? 'invalid' });
}

/**
 * The device settings after the change: a new `kind` starts that device afresh (with its
 * defaults); other keys change the device in force. Checked by the same schema as the API.
 */
export function hardwareChanges(args: HardwareArgs, current: TerminalSettings): { gate?: GateSettings; scanner?: ScannerSettings } {
  const out: { gate?: GateSettings; scanner?: ScannerSettings } = {};
  if (Object.keys(args.gate).length > 0) {
    const base = 'kind' in args.gate ? {} : current.gate;
    const parsed = gateSettingsSchema.safeParse({ ...base, ...args.gate });
    if (!parsed.success) throw oneLine('gate', parsed.error);
    out.gate = parsed.data;
  }
  if (Object.keys(args.scanner).length > 0) {
    const base = 'kind' in args.scanner ? {} : current.scanner;
    const parsed = scannerSettingsSchema.safeParse({ ...base, ...args.scanner });
    if (!parsed.success) throw oneLine('scanner', parsed.error);
    out.scanner = parsed.data;
  }
  return out;
}

/** One line per device for `jinka settings` (no secrets: the gate URL is the supervisor's own setting). */
export function describeDevice(name: 'gate' | 'scanner', value: GateSettings | ScannerSettings): string {
  const fields = Object.entries(value).map(([k, v]) => `${name}.${k}=${String(v)}`);
  return fields.join(' ');
}
