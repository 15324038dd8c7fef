import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTerminalService } from '../../../electron/api/terminal-service.js';
import { Terminal } from '../../../electron/core/terminal.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';
import { auditBodies } from '../../support/stores.js';
import { verifyAudit } from '../../../electron/core/terminal-reports.js';

let f: ServiceFixture;
beforeEach(async () => {
  f = await serviceFixture();
});
afterEach(() => f.cleanup());

describe('terminal service: sign-in', () => {
  it('answers public calls signed out and refuses the rest with NOT_SIGNED_IN', async () => {
    expect((await f.service.call('settings.get', {})).ok).toBe(true);
    expect((await f.service.call('status.get', {})).ok).toBe(true);
    expect(await f.service.call('session.current', {})).toEqual({ ok: true, value: null });
    const verify = await f.service.call('card.verify', { token: f.authority.card() });
    expect(verify).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await f.service.call('history.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('signs in with the right PIN, keeps one operator per terminal, and signs out', async () => {
    expect(await f.value('session.signIn', { operatorId: 'op1', pin: '1234' })).toEqual({ id: 'op1', name: '收银员', role: 'operator' });
    expect(await f.value('session.current', {})).toMatchObject({ id: 'op1' });
    await f.value('session.signIn', { operatorId: 'boss', pin: '999999' });
    expect(await f.value('session.current', {})).toMatchObject({ id: 'boss', role: 'supervisor' });
    expect((await f.value('status.get', {})).operator).toMatchObject({ id: 'boss' });
    expect(await f.value('session.signOut', {})).toBeNull();
    expect(await f.value('session.current', {})).toBeNull();
  });

  it('audits every sign-in and sign-out with the operator, and not a refused PIN', async () => {
    await f.value('session.signIn', { operatorId: 'op1', pin: '1234' });
    await f.service.call('session.signIn', { operatorId: 'boss', pin: '0000' });
    await f.value('session.signOut', {});
    expect(auditBodies(f.terminal, 'session')).toEqual([
      { event: 'sign-in', operator: 'op1' },
      { event: 'sign-out', operator: 'op1' },
    ]);
    expect(verifyAudit(f.terminal).ok).toBe(true);
  });

  it('refuses a wrong PIN and an unknown operator alike with BAD_PIN', async () => {
    const wrong = await f.service.call('session.signIn', { operatorId: 'op1', pin: '0000' });
    const unknown = await f.service.call('session.signIn', { operatorId: 'nobody', pin: '0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_PIN' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_PIN' } });
    expect(!wrong.ok && !unknown.ok && wrong.error.message === unknown.error.message).toBe(true);
    expect(await f.value('session.current', {})).toBeNull();
  });

  it('locks an operator out after 5 wrong PINs for 5 minutes, even against the right PIN, then lets them in', async () => {
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await f.service.call('session.signIn', { operatorId: 'op1', pin: '1111' }));
    expect(results.slice(0, 4).map((r) => !r.ok && r.error.code)).toEqual(['BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'BAD_PIN']);
    expect(results[4]).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', retryAt: '2026-06-01T10:05:00+08:00' } });
    f.clock.ms += 4 * 60_000 + 59_000;
    expect(await f.service.call('session.signIn', { operatorId: 'op1', pin: '1234' })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    // The lockout is kept in the database: a restarted service still refuses.
    const restarted = createTerminalService(f.terminal, { clock: () => f.clock.ms });
    expect(await restarted.call('session.signIn', { operatorId: 'op1', pin: '1234' })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    // Another operator is not affected.
    expect((await f.service.call('session.signIn', { operatorId: 'boss', pin: '999999' })).ok).toBe(true);
    f.clock.ms += 1_000;
    expect(await f.value('session.signIn', { operatorId: 'op1', pin: '1234' })).toMatchObject({ id: 'op1' });
  });

  it('counts only consecutive failures: a right PIN starts the count again', async () => {
    for (let i = 0; i < 4; i += 1) await f.service.call('session.signIn', { operatorId: 'op1', pin: '1111' });
    await f.signIn();
    for (let i = 0; i < 4; i += 1) {
      expect(await f.service.call('session.signIn', { operatorId: 'op1', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'BAD_PIN' } });
    }
  });
});

describe('terminal service: roles and input', () => {
  it('lets only a supervisor change settings', async () => {
    await f.signIn('operator');
    expect(await f.service.call('settings.set', { siteName: '某站' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await f.value('settings.get', {})).siteName).not.toBe('某站');
    await f.signIn('supervisor');
    expect((await f.value('settings.set', { siteName: '某站' })).siteName).toBe('某站');
  });

  it('answers INVALID_INPUT for ill-formed input, unknown keys and unknown calls', async () => {
    await f.signIn();
    expect(await f.service.call('card.record', { decisionId: 'not-a-uuid', idChecked: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.handle('card.verify', { token: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.handle('card.verify', 'just a string')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.handle('card.destroy', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.handle('__proto__', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.call('session.signIn', { operatorId: 'op1', pin: '12' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns an unexpected exception into INTERNAL instead of throwing', async () => {
    await f.signIn();
    const other = Terminal.open(f.dir, () => f.clock.ms);
    other.close();
    const broken = createTerminalService(other, { log: (_c, e) => f.logged.push(e) });
    const result = await broken.handle('status.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(f.logged).toHaveLength(1);
  });
});
