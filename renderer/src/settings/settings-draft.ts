import type { TerminalSettings } from '../../../shared/api/api-types.js';
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

const whole = (text: string, min: number, max: number): number | null => {
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** The settings.set input for a draft, or the name of the first field out of range. */
export function inputOf(draft: SettingsDraft): { ok: true; input: ApiInput<'settings.set'> } | { ok: false; field: string } {
  const autoReturnSeconds = whole(draft.autoReturnSeconds, 2, 600);
  if (autoReturnSeconds === null) return { ok: false, field: 'autoReturnSeconds' };
  const operatorIdleMinutes = whole(draft.operatorIdleMinutes, 1, 480);
  if (operatorIdleMinutes === null) return { ok: false, field: 'operatorIdleMinutes' };
  const supervisorIdleMinutes = whole(draft.supervisorIdleMinutes, 1, 60);
  if (supervisorIdleMinutes === null) return { ok: false, field: 'supervisorIdleMinutes' };
  const duplicateWindowSeconds = whole(draft.duplicateWindowSeconds, 0, 86_400);
  if (duplicateWindowSeconds === null) return { ok: false, field: 'duplicateWindowSeconds' };
  const listStaleHours = Number(draft.listStaleHours);
  if (!(listStaleHours >= 1 && listStaleHours <= 24 * 365)) return { ok: false, field: 'listStaleHours' };
  if (draft.siteName.trim() === '') return { ok: false, field: 'siteName' };
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(draft.terminalId.trim())) return { ok: false, field: 'terminalId' };
  return {
    ok: true,
    input: {
      siteName: draft.siteName.trim(),
      terminalId: draft.terminalId.trim(),
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
