import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import type { Hub } from '../../../hub/hub.js';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { createEnrolCode, enrolTerminal, hashCode } from '../../../hub/terminals/enrolment.js';
import { cleanupAfterEach, enrol, testClock, testHub, type TestClock } from '../hub-fixtures.js';

describe('enrolment codes', () => {
  const later = cleanupAfterEach();
  const setup = async (): Promise<{ hub: Hub; clock: TestClock; dataDir: string }> => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    return { hub: made.hub, clock, dataDir: made.dataDir };
  };
  const request = (code: string, terminalId: string, service = 'cinema') => ({ code, terminalId, site: 'whatever the terminal calls itself', service, publicJwk: generateSigningKey(terminalId).publicJwk });

  it('works once, registers the code site, and is stored only as a hash', async () => {
    const { hub } = await setup();
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(await enrolTerminal(hub, request(code.toLowerCase().replace(/-/g, ' '), 'T1'))).toEqual({ ok: true, value: { terminalId: 'T1', site: '东昌影城', service: 'cinema' } });
    expect(await hub.store.terminals.get('T1')).toMatchObject({ site: '东昌影城', service: 'cinema', disabledMs: null, cursor: 0 });
    expect(await enrolTerminal(hub, request(code, 'T2'))).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
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
    expect(await enrolTerminal(hub, request('AAAA-BBBB-CCCC', 'T1'))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CODE' } });
    const { code } = await createEnrolCode(hub, { site: 'S', service: 'cinema' });
    expect(await enrolTerminal(hub, request(code, 'T1', 'gym'))).toMatchObject({ ok: false, error: { code: 'WRONG_PLACE' } });
    await enrol(hub, 'T9', 'other');
    const second = await createEnrolCode(hub, { site: 'S', service: 'cinema' });
    expect(await enrolTerminal(hub, request(second.code, 'T9'))).toMatchObject({ ok: false, error: { code: 'TERMINAL_EXISTS' } });
    await expect(createEnrolCode(hub, { site: 'S', service: 'karaoke' })).rejects.toThrow(/unknown service/);
  });

  it('answers a guessed code without taking the write lock: guesses do not queue behind, or hold up, the hub’s writes', async () => {
    const { hub, dataDir } = await setup();
    const { code } = await createEnrolCode(hub, { site: 'S', service: 'cinema' });
    // Another connection holds the write lock (as a long ingest would) and would not wait for it.
    const writer = new Database(join(dataDir, HUB_DB_FILE), { timeout: 0 });
    later(() => writer.close());
    writer.exec('BEGIN IMMEDIATE');
    const guessed = await enrolTerminal(hub, request('AAAA-BBBB-CCCC', 'T1'));
    expect(guessed).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CODE' } });
    writer.exec('ROLLBACK');
    // A real code still takes the lock and enrols.
    expect(await enrolTerminal(hub, request(code, 'T1'))).toMatchObject({ ok: true });
  });
});
