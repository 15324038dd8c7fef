import type { TerminalSettings } from '../../../shared/api/api-types.js';
import { SETTINGS_FIELDS } from '../../../shared/api/settings-fields.js';
import type { ApiInput } from '../../../shared/api/terminal-api.js';

/** The settings form as typed: numbers stay text until saved. */
export interface SettingsDraft
  extends Omit<TerminalSettings, 'autoReturnSeconds' | 'operatorIdleMinutes' | 'supervisorIdleMinutes' | 'duplicateWindowSeconds' | 'listStaleHours'> {
  autoReturnSeconds: string;
  operatorIdleMinutes: string;
  supervisorIdleMinutes: string;
  duplicateWindowSeconds: string;
  listStaleHours: string;
}

/** The form's starting values. */
export function draftOf(settings: TerminalSettings): SettingsDraft {
  return {
    ...settings,
    autoReturnSeconds: String(settings.autoReturnSeconds),
    operatorIdleMinutes: String(settings.operatorIdleMinutes),
    supervisorIdleMinutes: String(settings.supervisorIdleMinutes),
    duplicateWindowSeconds: String(settings.duplicateWindowSeconds),
    listStaleHours: String(settings.listStaleHours),
  };
}

/** The draft's number fields, each checked by its one schema (shared/api/settings-fields.ts). */
const NUMBER_FIELDS = ['autoReturnSeconds', 'operatorIdleMinutes', 'supervisorIdleMinutes', 'duplicateWindowSeconds', 'listStaleHours'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** A number field's bounds, from its schema, for the form's min and max. */
export function numberBounds(field: NumberField): { min: number; max: number } {
  const schema = SETTINGS_FIELDS[field];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** The settings.set input for a draft, or the name of the first field out of range. */
export function inputOf(draft: SettingsDraft): { ok: true; input: ApiInput<'settings.set'> } | { ok: false; field: string } {
  const numbers: Partial<Record<NumberField, number>> = {};
  for (const field of NUMBER_FIELDS) {
    const parsed = SETTINGS_FIELDS[field].safeParse(Number(draft[field]));
    if (!parsed.success) return { ok: false, field };
    numbers[field] = parsed.data;
  }
  const { autoReturnSeconds, operatorIdleMinutes, supervisorIdleMinutes, duplicateWindowSeconds, listStaleHours } = numbers;
  const siteName = SETTINGS_FIELDS.siteName.safeParse(draft.siteName);
  if (!siteName.success) return { ok: false, field: 'siteName' };
  const terminalId = SETTINGS_FIELDS.terminalId.safeParse(draft.terminalId);
  if (!terminalId.success) return { ok: false, field: 'terminalId' };
  return {
    ok: true,
    input: {
      siteName: siteName.data,
      terminalId: terminalId.data,
      service: draft.service,
      kiosk: draft.kiosk,
      gateMode: draft.gateMode,
      requireIdCheck: draft.requireIdCheck,
      autoReturnSeconds,
      operatorIdleMinutes,
      supervisorIdleMinutes,
      duplicateWindowSeconds,
      listStaleHours,
      escalate: draft.escalate,
      cameraDeviceId: draft.cameraDeviceId,
      cameraLabel: draft.cameraLabel,
      sounds: draft.sounds,
      language: draft.language,
      // Checked field by field by the terminal (the same schema as `jinka settings`).
      gate: draft.gate,
      scanner: draft.scanner,
    },
  };
}
