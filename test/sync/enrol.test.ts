import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { TERMINAL_KEY_FILE } from '../../electron/core/sync/terminal-key.js';
import { syncDetails, syncStatus } from '../../electron/core/sync/sync-status.js';
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
    expect(syncDetails(t1.terminal).enrolment).toBeNull();
  });

  it('refuses to enrol again without --force, and enrols anew with it', async () => {
    await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', terminalId: 'T1', service: 'cinema' });
    const pem = readFileSync(join(t1.dir, TERMINAL_KEY_FILE), 'utf8');
    const again = await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-2', service: 'cinema' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_ENROLLED', terminalId: 'T1', hubUrl: hub.url } });
    const forced = await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-2', service: 'cinema', force: true });
    expect(forced).toMatchObject({ ok: true, value: { terminalId: 'T1' } });
    expect(readFileSync(join(t1.dir, TERMINAL_KEY_FILE), 'utf8')).not.toBe(pem);
  });

  it('checks its input before it makes a key', async () => {
    expect(await enrolTerminal(t1.terminal, { hubUrl: 'ftp://hub', code: 'ENROL-CODE-1', service: 'cinema' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', reason: 'BAD_HUB_URL' } });
    expect(await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', service: 'opera' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', reason: 'UNKNOWN_SERVICE', service: 'opera' } });
    expect(await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', terminalId: 'bad id!', service: 'cinema' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', reason: 'INVALID_FIELD', field: 'terminalId' } });
    expect(existsSync(join(t1.dir, TERMINAL_KEY_FILE))).toBe(false);
  });

  it('refuses plain HTTP to a hub off this machine unless told, sending nothing, and keeps the choice for later rounds', async () => {
    const FAR = 'http://hub.example.test:8443';
    const calls: string[] = [];
    const farAway: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      calls.push(url);
      return fetch(url.replace(FAR, hub.url), init);
    };
    const refused = await enrolTerminal(t1.terminal, { hubUrl: FAR, code: 'ENROL-CODE-1', terminalId: 'T1', service: 'cinema', fetch: farAway });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INSECURE_HTTP', reason: 'INSECURE_HTTP', host: 'hub.example.test:8443' } });
    expect(calls).toEqual([]);
    expect(existsSync(join(t1.dir, TERMINAL_KEY_FILE))).toBe(false);
    for (const trick of ['http://127.0.0.1.hub.example.test', 'http://localhost.hub.example.test', 'http://127.0.0.1@hub.example.test']) {
      expect(await enrolTerminal(t1.terminal, { hubUrl: trick, code: 'ENROL-CODE-1', terminalId: 'T1', service: 'cinema', fetch: farAway })).toMatchObject({ ok: false });
    }
    expect(calls).toEqual([]);

    const allowed = await enrolTerminal(t1.terminal, { hubUrl: FAR, code: 'ENROL-CODE-1', terminalId: 'T1', service: 'cinema', fetch: farAway, insecureHttp: true });
    expect(allowed).toMatchObject({ ok: true, value: { hubUrl: FAR, insecureHttp: true } });
    expect(syncDetails(t1.terminal).enrolment).toMatchObject({ insecureHttp: true });
    const round = await runSyncRound(t1.terminal, { fetch: farAway });
    expect(round.state).toBe('idle');
    expect(calls.length).toBeGreaterThan(1);
  });

  it('reports an unreachable hub as offline', async () => {
    await hub.stop();
    const result = await enrolTerminal(t1.terminal, { hubUrl: hub.url, code: 'ENROL-CODE-1', terminalId: 'T1', service: 'cinema' });
    expect(result).toMatchObject({ ok: false, error: { code: 'HUB', hub: { kind: 'offline' } } });
    hub = await new FakeHub().start();
  });
});
