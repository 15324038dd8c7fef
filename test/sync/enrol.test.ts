import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { TERMINAL_KEY_FILE } from '../../electron/core/sync/terminal-key.js';
import { syncStatus } from '../../electron/core/sync/sync-status.js';
import { makeAuthority, type TestAuthority } from '../support/fixtures.js';
import { FakeHub } from './support/fake-hub.js';
import { syncTerminal, testClock, type TestTerminal } from './support/sync-fixtures.js';

describe('enrolTerminal', () => {
  let authority: TestAuthority;
  let hub: FakeHub;
  let t1: TestTerminal;
  const sent: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    if (typeof init?.body === 'string') sent.push(init.body);
    return fetch(input, init);
  };

  beforeEach(async () => {
    authority = makeAuthority();
    const clock = testClock();
    hub = await new FakeHub(() => clock.now).start();
    t1 = syncTerminal(authority, clock);
    sent.length = 0;
  });

  afterEach(async () => {
    t1.cleanup();
    await hub.stop();
  });

  it('makes its own key pair, keeps the private key in a 0600 file and sends only the public key', async () => {
    expect(syncStatus(t1.terminal).state).toBe('not-enrolled');
    const result = await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', terminalId: 'T1', site: '东昌府影城', service: 'cinema', fetch: recordingFetch });
    expect(result).toMatchObject({ ok: true, value: { terminalId: 'T1', site: '东昌府影城', service: 'cinema', hubUrl: hub.url } });
    const keyFile = join(t1.dir, TERMINAL_KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const pem = readFileSync(keyFile, 'utf8');
    expect(pem).toContain('PRIVATE KEY');
    const body = JSON.parse(sent[0] ?? '{}') as { publicJwk: Record<string, unknown> };
    expect(Object.keys(body.publicJwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'x', 'y']);
    expect(sent.join('')).not.toContain('"d"');
    expect(hub.terminals.get('T1')).toMatchObject({ site: '东昌府影城', service: 'cinema' });
    expect(syncStatus(t1.terminal)).toMatchObject({ state: 'idle', lastSuccess: null });
  });

  it('changes nothing when the hub refuses the code', async () => {
    const result = await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'WRONG-CODE', terminalId: 'T1', service: 'cinema' });
    expect(result).toMatchObject({ ok: false, error: { code: 'HUB' } });
    expect(existsSync(join(t1.dir, TERMINAL_KEY_FILE))).toBe(false);
    expect(t1.terminal.stores.sync.enrolment()).toBeUndefined();
  });

  it('refuses to enrol again without --force, and enrols anew with it', async () => {
    await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', terminalId: 'T1', service: 'cinema' });
    const pem = readFileSync(join(t1.dir, TERMINAL_KEY_FILE), 'utf8');
    const again = await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-2', service: 'cinema' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_ENROLLED' } });
    const forced = await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-2', service: 'cinema', force: true });
    expect(forced).toMatchObject({ ok: true, value: { terminalId: 'T1' } });
    expect(readFileSync(join(t1.dir, TERMINAL_KEY_FILE), 'utf8')).not.toBe(pem);
  });

  it('checks its input before it makes a key', async () => {
    expect(await enrolTerminal(t1.terminal, { hubUrl: 'ftp://hub', code: 'ENROL-CODE-1', service: 'cinema' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', service: 'opera' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', terminalId: 'bad id!', service: 'cinema' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(existsSync(join(t1.dir, TERMINAL_KEY_FILE))).toBe(false);
  });

  it('reports an unreachable hub as offline', async () => {
    await hub.stop();
    const result = await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', terminalId: 'T1', service: 'cinema' });
    expect(result).toMatchObject({ ok: false, error: { code: 'HUB', hub: { kind: 'offline' } } });
    hub = await new FakeHub().start();
  });
});
