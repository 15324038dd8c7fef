import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../electron/core/crypto/keys.js';
import { signEs256 } from '../../../electron/core/crypto/jws-sign.js';
import type { Hub } from '../../../hub/hub.js';
import { createEnrolCode, enrolTerminal, hashCode } from '../../../hub/terminals/enrolment.js';
import { authenticateTerminal, TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { cleanupAfterEach, enrol, testClock, testHub, type TestClock } from '../hub-fixtures.js';

describe('enrolment codes', () => {
  const later = cleanupAfterEach();
  const setup = async (): Promise<{ hub: Hub; clock: TestClock }> => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    return { hub: made.hub, clock };
  };
  const request = (code: string, terminalId: string, service = 'cinema') => ({ code, terminalId, site: 'whatever the terminal calls itself', service, publicJwk: generateSigningKey(terminalId).publicJwk });

  it('works once, registers the code site, and is stored only as a hash', async () => {
    const { hub } = await setup();
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(await enrolTerminal(hub, request(code.toLowerCase().replace(/-/g, ' '), 'T1'))).toEqual({ ok: true, value: { terminalId: 'T1' } });
    expect(await hub.store.terminals.get('T1')).toMatchObject({ site: '东昌影城', service: 'cinema', disabledMs: null, cursor: 0 });
    expect(await enrolTerminal(hub, request(code, 'T2'))).toMatchObject({ ok: false, error: { status: 403, code: 'CODE_USED' } });
    expect(await hub.store.terminals.get('T2')).toBeUndefined();
    expect(hashCode(code)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('expires after its hours', async () => {
    const { hub, clock } = await setup();
    const { code } = await createEnrolCode(hub, { site: 'S', service: 'cinema', hours: 24 });
    clock.advance(24 * 3_600_000);
    expect(await enrolTerminal(hub, request(code, 'T1'))).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED' } });
  });

  it('refuses an unknown code, another service, a taken terminal id, and an unknown service at creation', async () => {
    const { hub } = await setup();
    expect(await enrolTerminal(hub, request('AAAA-BBBB-CCCC', 'T1'))).toMatchObject({ ok: false, error: { status: 403, code: 'UNKNOWN_CODE' } });
    const { code } = await createEnrolCode(hub, { site: 'S', service: 'cinema' });
    expect(await enrolTerminal(hub, request(code, 'T1', 'gym'))).toMatchObject({ ok: false, error: { code: 'WRONG_PLACE' } });
    await enrol(hub, 'T9', 'other');
    const second = await createEnrolCode(hub, { site: 'S', service: 'cinema' });
    expect(await enrolTerminal(hub, request(second.code, 'T9'))).toMatchObject({ ok: false, error: { status: 409, code: 'TERMINAL_EXISTS' } });
    await expect(createEnrolCode(hub, { site: 'S', service: 'karaoke' })).rejects.toThrow(/unknown service/);
  });
});

describe('authenticateTerminal', () => {
  const later = cleanupAfterEach();

  it('accepts a fresh token of the enrolled key, refuses others, and refuses a disabled terminal with 403', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const { hub } = made;
    const keys = new TerminalKeys();
    const t1 = await enrol(hub, 'T1', 'S');
    expect(await authenticateTerminal(hub, t1.auth(clock()), keys)).toMatchObject({ ok: true, value: { id: 'T1' } });
    expect(await authenticateTerminal(hub, undefined, keys)).toMatchObject({ ok: false, error: { status: 401, code: 'AUTH_REQUIRED' } });
    const stranger = generateSigningKey('T1');
    const iat = Math.floor(clock() / 1000);
    const forged = `Jinka-Terminal ${signEs256({ sub: 'T1', iat, exp: iat + 60 }, stranger.privateKey, 'T1')}`;
    expect(await authenticateTerminal(hub, forged, keys)).toMatchObject({ ok: false, error: { status: 401, code: 'BAD_SIGNATURE' } });
    const long = `Jinka-Terminal ${signEs256({ sub: 'T1', iat, exp: iat + 3600 }, t1.key.privateKey, 'T1')}`;
    expect(await authenticateTerminal(hub, long, keys)).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    expect(await authenticateTerminal(hub, t1.auth(clock() - 3_600_000), keys)).toMatchObject({ ok: false, error: { code: 'CLOCK_SKEW' } });
    await hub.store.terminals.disable('T1', 'stolen', clock());
    expect(await authenticateTerminal(hub, t1.auth(clock()), keys)).toMatchObject({ ok: false, error: { status: 403, code: 'TERMINAL_DISABLED', message: expect.stringContaining('stolen') as unknown } });
  });
});
