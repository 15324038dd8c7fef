import type { z } from 'zod';
import type { TerminalSettings } from '../../shared/api/api-types.js';
import { API_INPUTS, type ApiParsedInput } from '../../shared/api/terminal-api.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { SitePolicyOverride } from './store/settings-store.js';
import { storesOf, type Terminal } from './terminal.js';

/** A change to the terminal settings, as the settings.set call validates it. */
export type TerminalSettingsPatch = ApiParsedInput<'settings.set'>;

/** Why settings were not saved: a service not in the catalogue, or gate mode on a service that needs a ticket or a parent. */
export type SettingsError = 'UNKNOWN_SERVICE' | 'GATE_MODE_UNSUPPORTED';

/** The counter's own settings; the policy fields are the site policy of §6 and live with it. */
const counterSettingsSchema = API_INPUTS['settings.set'].omit({ duplicateWindowSeconds: true, listStaleHours: true, escalate: true });
type CounterSettings = Omit<TerminalSettings, 'duplicateWindowSeconds' | 'listStaleHours' | 'escalate'>;

/** Settings of a terminal nobody has set up yet: an attended counter, Chinese, the first catalogue service. */
function defaults(terminal: Terminal): CounterSettings {
  return {
    siteName: '金卡核验点',
    terminalId: 'JINKA-T01',
    service: terminal.rules().rules.services[0]?.id ?? 'hospital',
    kiosk: false,
    gateMode: false,
    requireIdCheck: true,
    autoReturnSeconds: 15,
    operatorIdleMinutes: 30,
    supervisorIdleMinutes: 5,
    cameraDeviceId: null,
    cameraLabel: null,
    sounds: true,
    language: 'zh',
    gate: { kind: 'none' },
    scanner: { kind: 'none' },
  };
}

/**
 * The stored counter settings, read field by field: a key this version does not know (a
 * setting dropped since, or one from a newer version) is left out, and a value that fails
 * its own field's schema falls back to that field's default — the other fields, above all
 * the terminal id and site name, are kept. Only a value that is not an object counts as none.
 */
function storedCounterSettings(terminal: Terminal): Partial<CounterSettings> {
  const stored = storesOf(terminal).counterSettings.read();
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const shape: Record<string, z.ZodTypeAny> = counterSettingsSchema.shape;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    const field = Object.hasOwn(shape, key) ? shape[key]?.safeParse(value) : undefined;
    if (field?.success === true && field.data !== undefined) kept[key] = field.data;
  }
  return kept;
}

/** The keys that hold a value: none is left holding undefined, so a spread cannot erase what it lands on. */
const dropUndefined = <T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };

/** The terminal settings in force: defaults, the stored counter settings, and the site policy (§6) in force. */
export function terminalSettings(terminal: Terminal): TerminalSettings {
  const policy = terminal.policy();
  return {
    ...defaults(terminal),
    ...storedCounterSettings(terminal),
    duplicateWindowSeconds: policy.duplicateWindowSeconds,
    listStaleHours: policy.listStaleHours,
    escalate: [...policy.escalate],
  };
}

/**
 * Saves a change to the terminal settings in one transaction, audited. The duplicate
 * window, staleness and escalation go to the site policy that decisions use (§6).
 */
export function saveTerminalSettings(terminal: Terminal, patch: TerminalSettingsPatch): Result<TerminalSettings, SettingsError> {
  const { duplicateWindowSeconds, listStaleHours, escalate, ...rest } = patch;
  const counter = dropUndefined(rest);
  if (counter.service !== undefined && terminal.rules().service(counter.service) === undefined) return err('UNKNOWN_SERVICE');
  const next = { ...terminalSettings(terminal), ...counter };
  const service = terminal.rules().service(next.service);
  // An unattended gate records by itself; it cannot ask for a bus ticket (Art. 18) or a parent (Art. 22).
  if (next.gateMode && (service?.requiresTicket === true || service?.requiresBeneficiary === true)) return err('GATE_MODE_UNSUPPORTED');
  const policy: SitePolicyOverride = dropUndefined({ duplicateWindowSeconds, listStaleHours, escalate });
  const stores = storesOf(terminal);
  stores.transaction(() => {
    if (Object.keys(counter).length > 0) {
      stores.counterSettings.write({ ...storedCounterSettings(terminal), ...counter });
      stores.audit.append('settings', terminal.now(), { terminal: counter });
    }
    if (Object.keys(policy).length > 0) terminal.setPolicy(policy);
  });
  return ok(terminalSettings(terminal));
}
