import { describe, expect, it } from 'vitest';
import type { VerifyView } from '../../../shared/api/api-types.js';
import { confirmMissing, confirmNeeds } from '../../../renderer/src/verdict/verdict-rules.js';

/** An accepted bus card (Art. 18: the card, a valid ID and the day's ticket). */
const bus: VerifyView = {
  id: 'd1',
  decision: { decision: 'accept', reasons: [], warnings: [], service: 'bus', card: null, quota: null },
  service: { id: 'bus', article: 18, name: { zh: '汽车站', en: 'Bus station' } },
  companionLimits: { spouse: 0, child: 0, parent: 0, spouse_parent: 0, escort: 0 },
  requiresTicket: true,
  requiresBeneficiary: false,
  autoRecorded: null,
};

describe('what Confirm still needs', () => {
  it('asks for the ID tick before the ticket, as the hint and the tab order do', () => {
    const state = { requireIdCheck: true, idChecked: false, ticket: '' };
    expect(confirmNeeds(bus, state)).toEqual(['idCheck', 'ticket']);
    expect(confirmMissing(bus, state)).toBe('idCheck');
  });

  it('asks for the ticket once the ID is ticked, and nothing once both are given', () => {
    expect(confirmMissing(bus, { requireIdCheck: true, idChecked: true, ticket: '  ' })).toBe('ticket');
    expect(confirmMissing(bus, { requireIdCheck: true, idChecked: true, ticket: 'A123' })).toBeNull();
    expect(confirmNeeds(bus, { requireIdCheck: true, idChecked: true, ticket: 'A123' })).toEqual([]);
  });

  it('skips the ID tick when the site does not require it, and the ticket when the service needs none', () => {
    expect(confirmMissing(bus, { requireIdCheck: false, idChecked: false, ticket: '' })).toBe('ticket');
    expect(confirmMissing({ ...bus, requiresTicket: false }, { requireIdCheck: true, idChecked: false, ticket: '' })).toBe('idCheck');
    expect(confirmMissing({ ...bus, requiresTicket: false }, { requireIdCheck: false, idChecked: false, ticket: '' })).toBeNull();
  });
});
