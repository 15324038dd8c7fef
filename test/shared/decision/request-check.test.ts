import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../../shared/decision/request-check.js';
import { DEFAULT_RULES, DEFAULT_RULES_VERSION } from '../../../shared/rules/default-rules.js';
import { ruleBook } from '../../../shared/rules/rules-lookup.js';

const book = ruleBook(DEFAULT_RULES, DEFAULT_RULES_VERSION);
const eldercare = (beneficiary: string) => checkRequest(book, { service: 'eldercare', beneficiary, record: true });

describe('checkRequest (§7 arguments checked before the card)', () => {
  it('returns the service rule for a known service', () => {
    const r = checkRequest(book, { service: 'gym', record: true });
    expect(r.ok && r.value.service.id).toBe('gym');
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

  describe('the eldercare beneficiary is which parent, never who (Art. 22 父母; PIPL least data)', () => {
    it('stores father or mother whichever way the label is written', () => {
      for (const [typed, stored] of [
        ['father', 'father'],
        [' Father ', 'father'],
        ['父亲', 'father'],
        ['mother', 'mother'],
        ['MOTHER', 'mother'],
        ['母亲', 'mother'],
      ] as const) {
        expect(eldercare(typed)).toMatchObject({ ok: true, value: { service: { id: 'eldercare' }, beneficiary: stored } });
      }
    });

    it('refuses anything that looks like an identity-document number, however it is typed', () => {
      for (const typed of [
        '11010519491231002X', // resident ID, GB 11643 shape
        '11010519491231002x',
        '110105491231002', // the old 15 digits
        '110105 1949 1231 002X', // spaced
        '１１０１０５１９４９１２３１００２Ｘ', // full-width
        'E12345678', // passport
        'C1234567', // Hong Kong / Macau permit
        'H12A34B56', // permit-like: letters and digits, three or more digits
        '123456', // any run of six digits
        '父亲 110105194912310021',
        '张三 123-456-789',
      ]) {
        expect(eldercare(typed), typed).toMatchObject({ ok: false, error: { code: 'BENEFICIARY_ID_NUMBER', service: 'eldercare' } });
      }
    });

    it('refuses a name or any other label: only father or mother is kept', () => {
      for (const typed of ['张*国', '王秀兰', 'parent-1', 'grandmother', '父', 'step-father']) {
        expect(eldercare(typed), typed).toMatchObject({ ok: false, error: { code: 'BENEFICIARY_NOT_A_PARENT' } });
      }
    });

    it('never puts the typed value in the error', () => {
      const r = eldercare('11010519491231002X');
      expect(JSON.stringify(r)).not.toContain('1101');
    });
  });
});
