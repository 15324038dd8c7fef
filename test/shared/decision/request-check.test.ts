import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../../shared/decision/request-check.js';
import { DEFAULT_RULES, DEFAULT_RULES_VERSION } from '../../../shared/rules/default-rules.js';
import { ruleBook } from '../../../shared/rules/rules-lookup.js';

const book = ruleBook(DEFAULT_RULES, DEFAULT_RULES_VERSION);

describe('checkRequest (§7 arguments checked before the card)', () => {
  it('returns the service rule for a known service', () => {
    const r = checkRequest(book, { service: 'gym', record: true });
    expect(r.ok && r.value.id).toBe('gym');
  });

  it('refuses an unknown service', () => {
    expect(checkRequest(book, { service: 'sauna', record: false })).toEqual({ ok: false, error: { code: 'UNKNOWN_SERVICE', service: 'sauna' } });
  });

  it('requires a beneficiary for eldercare (Art. 22: the claim is for one parent), blank counts as missing', () => {
    expect(checkRequest(book, { service: 'eldercare', record: false })).toMatchObject({ ok: false, error: { code: 'BENEFICIARY_REQUIRED' } });
    expect(checkRequest(book, { service: 'eldercare', beneficiary: '  ', record: false })).toMatchObject({ ok: false, error: { code: 'BENEFICIARY_REQUIRED' } });
    expect(checkRequest(book, { service: 'eldercare', beneficiary: 'father', record: false }).ok).toBe(true);
  });

  it('refuses a beneficiary for any other service', () => {
    expect(checkRequest(book, { service: 'cinema', beneficiary: 'father', record: false })).toMatchObject({ ok: false, error: { code: 'BENEFICIARY_MISPLACED' } });
  });

  it('requires a ticket only to record a bus use (Art. 18: same-day ticket)', () => {
    expect(checkRequest(book, { service: 'bus', record: true })).toMatchObject({ ok: false, error: { code: 'TICKET_REQUIRED' } });
    expect(checkRequest(book, { service: 'bus', ticket: ' ', record: true })).toMatchObject({ ok: false, error: { code: 'TICKET_REQUIRED' } });
    expect(checkRequest(book, { service: 'bus', ticket: 'T-0815', record: true }).ok).toBe(true);
    expect(checkRequest(book, { service: 'bus', record: false }).ok).toBe(true);
    expect(checkRequest(book, { service: 'scenic', record: true }).ok).toBe(true);
  });
});
