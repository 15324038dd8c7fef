import { describe, expect, it } from 'vitest';
import type { TerminalSettings } from '../../../shared/api/api-types.js';
import { API_INPUTS } from '../../../shared/api/terminal-api.js';
import { sitePolicyOverrideSchema } from '../../../electron/core/store/settings-store.js';
import { draftOf, inputOf, numberBounds } from '../../../renderer/src/settings/settings-draft.js';
import { enrolRequestSchema } from '../../../shared/sync/sync-protocol.js';

const settings: TerminalSettings = {
  siteName: '聊城汽车站',
  terminalId: 'BUS-02',
  service: 'bus',
  kiosk: false,
  gateMode: false,
  requireIdCheck: true,
  autoReturnSeconds: 15,
  operatorIdleMinutes: 30,
  supervisorIdleMinutes: 5,
  duplicateWindowSeconds: 600,
  listStaleHours: 72,
  escalate: [],
  cameraDeviceId: null,
  cameraLabel: null,
  sounds: true,
  language: 'zh',
  gate: { kind: 'none' },
  scanner: { kind: 'none' },
};

/** The form, the settings.set call and `jinka settings --set` accept the same values: each limit is written once. */
describe('the settings form checks what the terminal checks', () => {
  const numeric = ['autoReturnSeconds', 'operatorIdleMinutes', 'supervisorIdleMinutes', 'duplicateWindowSeconds', 'listStaleHours'] as const;

  it.each(numeric)('%s: the form and the call agree at and beyond each bound', (field) => {
    const { min, max } = numberBounds(field);
    for (const value of [min - 1, min, max, max + 1, 1.5]) {
      const form = inputOf({ ...draftOf(settings), [field]: String(value) });
      const call = API_INPUTS['settings.set'].safeParse({ [field]: value });
      expect(form.ok, `${field}=${value}`).toBe(call.success);
    }
  });

  it('takes the policy limits from the site policy, so the counter and the CLI agree (listStaleHours 0 was refused by one, taken by the other)', () => {
    for (const field of ['duplicateWindowSeconds', 'listStaleHours'] as const) {
      for (const value of [-1, 0, 1, 24 * 365, 24 * 365 + 1]) {
        const call = API_INPUTS['settings.set'].safeParse({ [field]: value }).success;
        expect(call, `${field}=${value}`).toBe(sitePolicyOverrideSchema.safeParse({ [field]: value }).success);
      }
    }
  });

  it('checks a terminal id the way enrolment at the hub does', () => {
    for (const id of ['BUS-02', 'a_b', 'x'.repeat(32), 'x'.repeat(33), 'BUS 02', '站点', '']) {
      const form = inputOf({ ...draftOf(settings), terminalId: id }).ok;
      const hub = enrolRequestSchema.shape.terminalId.safeParse(id).success;
      expect(form, id).toBe(hub);
      expect(API_INPUTS['settings.set'].safeParse({ terminalId: id }).success, id).toBe(hub);
    }
    // The form and the call trim what was typed around the id.
    expect(inputOf({ ...draftOf(settings), terminalId: ' BUS-02 ' })).toMatchObject({ ok: true, input: { terminalId: 'BUS-02' } });
  });
});
