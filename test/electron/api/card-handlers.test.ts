import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_INPUT } from '../../../shared/rules/default-rules.js';
import { sec } from '../../support/fixtures.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';
import { auditBodies, openStores } from '../../support/stores.js';

let f: ServiceFixture;
beforeEach(async () => {
  f = await serviceFixture();
  await f.signIn('supervisor');
  await f.value('settings.set', { service: 'cinema' });
  await f.signIn('operator');
});
afterEach(() => f.cleanup());

const useService = async (service: string, extra: Record<string, unknown> = {}) => {
  await f.signIn('supervisor');
  await f.value('settings.set', { service, ...extra });
  await f.signIn('operator');
};

describe('card.verify and card.record', () => {
  it('verifies for the counter’s service and shows quota, limits and no auto-record at an attended counter', async () => {
    const view = await f.value('card.verify', { token: `  ${f.authority.card()}\n` });
    expect(view.decision).toMatchObject({ decision: 'accept', service: 'cinema', quota: { limit: 12, used: 0, remaining: 12 } });
    expect(view.service).toEqual({
      id: 'cinema',
      article: 21,
      name: { zh: '指定影院免费观影', en: expect.any(String) as string },
      quota: { period: 'card_year', limit: 12, periods: 3, perBeneficiary: false },
    });
    expect(view.companionLimits).toEqual({ spouse: 0, child: 0, parent: 0, spouse_parent: 0, escort: 0 });
    expect(view).toMatchObject({ requiresTicket: false, requiresBeneficiary: false, autoRecorded: null });
  });

  it('requires the ID check before recording (Art. 33), records once, and counts the quota down', async () => {
    const first = await f.value('card.verify', { token: f.authority.card() });
    expect(await f.service.call('card.record', { decisionId: first.id, idChecked: false })).toMatchObject({ ok: false, error: { code: 'ID_CHECK_REQUIRED' } });
    const recorded = await f.value('card.record', { decisionId: first.id, idChecked: true });
    expect(recorded).toMatchObject({ alreadyRecorded: false, at: '2026-06-01T10:00:00+08:00' });
    expect(await f.value('card.record', { decisionId: first.id, idChecked: true })).toEqual({ ...recorded, alreadyRecorded: true });
    await f.jumpClock(f.clock.ms + 3_600_000);
    const second = await f.value('card.verify', { token: f.authority.card() });
    expect(second.decision.quota).toMatchObject({ used: 1, remaining: 11 });
  });

  it('keeps the signed-in operator in the use’s audit entry, so the bureau knows who confirmed it', async () => {
    const view = await f.value('card.verify', { token: f.authority.card() });
    const recorded = await f.value('card.record', { decisionId: view.id, idChecked: true });
    const operator = await f.value('session.current', {});
    expect(auditBodies(f.terminal, 'use')).toMatchObject([{ id: recorded.useId, operator: operator?.id }]);
    expect(operator?.id).toEqual(expect.any(String));
  });

  it('records without the tick box when the site does not require the ID check', async () => {
    await useService('cinema', { requireIdCheck: false });
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect((await f.service.call('card.record', { decisionId: view.id, idChecked: false })).ok).toBe(true);
  });

  it('maps the core’s refusals: unknown decision, rejected card, missing ticket, too many companions', async () => {
    expect(await f.service.call('card.record', { decisionId: '00000000-0000-4000-8000-000000000000', idChecked: true })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_DECISION' },
    });
    const rejected = await f.value('card.verify', { token: f.authority.card({ tier: 'C', cat: 4 }) });
    expect(rejected.decision).toMatchObject({ decision: 'reject', reasons: ['NOT_ENTITLED'] });
    expect(await f.service.call('card.record', { decisionId: rejected.id, idChecked: true })).toMatchObject({ ok: false, error: { code: 'NOT_ACCEPTED' } });

    await useService('bus');
    const bus = await f.value('card.verify', { token: f.authority.card() });
    expect(bus).toMatchObject({ requiresTicket: true, companionLimits: { spouse: 1, child: 3, parent: 2, spouse_parent: 2, escort: 1 } });
    expect(await f.service.call('card.record', { decisionId: bus.id, idChecked: true })).toMatchObject({ ok: false, error: { code: 'TICKET_REQUIRED' } });
    expect(await f.service.call('card.record', { decisionId: bus.id, idChecked: true, ticket: 'K1', companions: { spouse: 2 } })).toMatchObject({
      ok: false,
      error: { code: 'COMPANIONS_EXCEEDED' },
    });
    expect((await f.service.call('card.record', { decisionId: bus.id, idChecked: true, ticket: 'K1', companions: { spouse: 1, child: 2 } })).ok).toBe(true);
    const today = await f.value('history.list', {});
    expect(today[0]).toMatchObject({ id: bus.id, recorded: true, companions: { spouse: 1, child: 2 } });
  });

  it('refuses a companion relation sent as undefined: a relation nobody brings is left out, as the core keeps it', async () => {
    const view = await f.value('card.verify', { token: f.authority.card() });
    for (const channel of ['card.verify', 'card.record'] as const) {
      const input = channel === 'card.verify' ? { token: f.authority.card() } : { decisionId: view.id, idChecked: true };
      expect(await f.service.handle(channel, { ...input, companions: { spouse: undefined } }), channel).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await f.value('history.list', {})).toMatchObject([{ id: view.id, recorded: false }]);
  });

  it('asks for the parent at the eldercare window (Art. 22) and refuses one elsewhere', async () => {
    expect(await f.service.call('card.verify', { token: f.authority.card(), beneficiary: '父亲' })).toMatchObject({
      ok: false,
      error: { code: 'BENEFICIARY_MISPLACED' },
    });
    await useService('eldercare');
    expect(await f.service.call('card.verify', { token: f.authority.card() })).toMatchObject({ ok: false, error: { code: 'BENEFICIARY_REQUIRED' } });
    const view = await f.value('card.verify', { token: f.authority.card(), beneficiary: '父亲' });
    expect(view).toMatchObject({ requiresBeneficiary: true, decision: { decision: 'accept', quota: { limit: 1, total_limit: 36 } } });
    expect(view.service.quota).toEqual({ period: 'calendar_month', limit: 1, totalLimit: 36, perBeneficiary: true });
  });

  it('describes the quota from the rules in force: a service only a rules bundle defines, and none where there is no quota', async () => {
    await useService('bus');
    expect(await f.value('card.verify', { token: f.authority.card() })).not.toHaveProperty('service.quota');
    const rules = structuredClone(DEFAULT_RULES_INPUT);
    rules.services.push({ id: 'swim', article: 20, name: { zh: '游泳馆免费游泳', en: 'Free swimming' }, quota: { period: 'card_year', limit: 4, periods: 2 } });
    const imported = f.terminal.importText(f.authority.bundle({ iss: 'lc-hrss', typ: 'jinka/rules', version: 1, iat: sec('2026-06-01T09:30:00+08:00'), rules }));
    expect(imported.ok).toBe(true);
    await useService('swim');
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect(view.decision).toMatchObject({ decision: 'accept', quota: { limit: 4, used: 0 } });
    expect(view.service).toMatchObject({ id: 'swim', quota: { period: 'card_year', limit: 4, periods: 2, perBeneficiary: false } });
    expect(view.service.quota).not.toHaveProperty('totalLimit');
  });

  it('keeps a rejected decision in history with its reason', async () => {
    const view = await f.value('card.verify', { token: 'not a card' });
    expect(view.decision).toMatchObject({ decision: 'reject', reasons: ['MALFORMED'], card: null });
    expect(await f.value('history.list', { decision: 'reject' })).toMatchObject([{ id: view.id, reason: 'MALFORMED', recorded: false, holder: null }]);
  });
});

describe('gate mode', () => {
  it('records an accept by itself for the holder alone, and never a reject', async () => {
    await useService('scenic', { gateMode: true });
    const view = await f.value('card.verify', { token: f.authority.card(), companions: { spouse: 1 } });
    expect(view.decision.decision).toBe('accept');
    expect(view.autoRecorded).toEqual({ useId: expect.any(String) as string });
    const again = await f.value('card.record', { decisionId: view.id, idChecked: true });
    expect(again).toMatchObject({ useId: view.autoRecorded?.useId, alreadyRecorded: true });
    const rejected = await f.value('card.verify', { token: f.authority.card({ sub: 'LC-A-9', exp: 1 }) });
    expect(rejected).toMatchObject({ decision: { decision: 'reject', reasons: ['EXPIRED'] }, autoRecorded: null });
    expect(await f.value('history.list', {})).toMatchObject([
      { id: rejected.id, recorded: false },
      { id: view.id, recorded: true, companions: {} },
    ]);
  });
});

describe('gate mode when the automatic record fails', () => {
  it('says why the accepted holder was not recorded, and does not open the gate', async () => {
    await useService('scenic', { gateMode: true });
    // Enrolled at the hub for another service: the verdict accepts, the record is refused (§7).
    openStores(f.terminal).sync.setEnrolment({ hubUrl: 'https://hub.example', terminalId: 'T-1', site: '东昌影城', service: 'gym', enrolledMs: f.clock.ms });
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect(view).toMatchObject({ decision: { decision: 'accept' }, autoRecorded: null, autoRecordError: 'NOT_ENROLLED_SERVICE', gate: null });
    expect(await f.value('history.list', {})).toMatchObject([{ id: view.id, recorded: false }]);
  });
});
