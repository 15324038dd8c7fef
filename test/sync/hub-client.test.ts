import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../node/crypto/keys.js';
import { HubClient, MAX_ANSWER_BYTES } from '../../electron/core/sync/hub-client.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { bodyHash, TerminalSigner } from '../../electron/core/sync/terminal-signer.js';
import { syncNoticeSchema } from '../../shared/sync/sync-status-codes.js';
import { FakeHub } from './support/fake-hub.js';
import { dayN, useCinema, useSyncEnv } from './support/sync-fixtures.js';
import { openStores } from '../support/stores.js';

const key = generateSigningKey('T1');
const signer = new TerminalSigner('T1', key.privateKey);

/** A client whose fetch answers `respond` (or throws it). */
function clientAnswering(respond: () => Response | Promise<Response>): HubClient {
  return new HubClient({ baseUrl: 'https://hub.invalid/', clock: () => 1_000_000, hubOffsetMs: () => 0, signer, fetch: () => Promise.resolve(respond()) });
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('HubClient', () => {
  it('tells the hub being down apart from the hub refusing', async () => {
    // Each failure also carries the sync state's notice: a code with parameters, no sentence.
    const cases: [() => Response, string, object][] = [
      [() => json(503, { error: 'UNAVAILABLE' }), 'offline', { code: 'HUB_UNAVAILABLE', status: 503 }],
      [() => json(401, { error: 'BAD_SIGNATURE', message: 'not signed with the enrolled key' }), 'unauthorized', { code: 'HUB_UNAUTHORIZED', hubCode: 'BAD_SIGNATURE', hubMessage: 'not signed with the enrolled key' }],
      [() => json(403, { error: 'TERMINAL_DISABLED', message: 'terminal T1 was disabled by the bureau' }), 'disabled', { code: 'TERMINAL_DISABLED', hubMessage: 'terminal T1 was disabled by the bureau' }],
      [() => json(400, { error: 'BAD_REQUEST' }), 'refused', { code: 'HUB_REFUSED', status: 400, hubCode: 'BAD_REQUEST', hubMessage: null }],
      [() => new Response('<html>proxy</html>', { status: 200 }), 'invalid-response', { code: 'HUB_ANSWER_NOT_JSON', status: 200 }],
      [() => json(200, { cursor: -1 }), 'invalid-response', { code: 'HUB_ANSWER_UNEXPECTED', status: 200 }],
      [() => json(500, { error: 'E'.repeat(10_000), message: 'm'.repeat(10_000) }), 'refused', { code: 'HUB_REFUSED', status: 500 }],
      // A newline would forge a second line of `jinka sync status`; a right-to-left override would turn the words around.
      [() => json(409, { error: 'X\njinka: all synced', message: 'ok\u202Edetacer' }), 'refused', { code: 'HUB_REFUSED', status: 409, hubCode: 'X jinka: all synced', hubMessage: 'ok detacer' }],
    ];
    for (const [respond, kind, notice] of cases) {
      const result = await clientAnswering(respond).quota(0);
      expect(result).toMatchObject({ ok: false, error: { kind, notice } });
      // A hostile hub's long words are cut to what the stored notice keeps.
      if (!result.ok) expect(syncNoticeSchema.safeParse(result.error.notice).success).toBe(true);
    }
  });

  it('reports a network failure and a timeout as offline, never throwing', async () => {
    const refused = new HubClient({ baseUrl: 'http://127.0.0.1:9', clock: Date.now, hubOffsetMs: () => 0, signer });
    // Port 9 is one fetch refuses to dial ('bad port'): no system code, so no English words in the notice.
    expect(await refused.quota(0)).toMatchObject({ ok: false, error: { kind: 'offline', notice: { code: 'HUB_UNREACHABLE', cause: null } } });
    const slow = new HubClient({
      baseUrl: 'https://hub.invalid',
      clock: Date.now,
      hubOffsetMs: () => 0,
      signer,
      timeoutMs: 50,
      fetch: (_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error))),
    });
    expect(await slow.quota(0)).toMatchObject({ ok: false, error: { kind: 'offline', message: expect.stringContaining('timed out') as string, notice: { code: 'HUB_TIMEOUT' } } });
  });

  it('signs every request with a short-lived token of the terminal key', async () => {
    let authorization = '';
    const client = new HubClient({
      baseUrl: 'https://hub.invalid',
      clock: () => 1_700_000_000_000,
      hubOffsetMs: () => 60_000,
      signer,
      fetch: (_url, init) => {
        authorization = (init?.headers as Record<string, string>).authorization ?? '';
        return Promise.resolve(json(200, { hubTime: 1, cursor: 0, uses: [], more: false }));
      },
    });
    expect((await client.quota(0)).ok).toBe(true);
    const claimsOf = (header: string) => {
      const [scheme, token] = header.split(' ');
      expect(scheme).toBe('Jinka-Terminal');
      return JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    };
    const first = claimsOf(authorization);
    // Good for this one request: its method, target and (empty) body, once (a fresh jti).
    expect(first).toEqual({ sub: 'T1', iat: 1_700_000_060, exp: 1_700_000_180, jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as unknown, htm: 'GET', htu: '/v1/quota?since=0&voided=1', bh: bodyHash('') });
    await client.upload('a.b.c');
    expect(claimsOf(authorization)).toMatchObject({ htm: 'POST', htu: '/v1/audit', bh: bodyHash('a.b.c') });
    expect(claimsOf(authorization).jti).not.toBe(first.jti);
  });

  it('stops reading an answer once it is larger than the route allows', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    const quota = await clientAnswering(endless).quota(0);
    expect(quota).toMatchObject({ ok: false, error: { kind: 'invalid-response', message: expect.stringContaining('larger than') as unknown } });
    expect(pulled).toBeLessThanOrEqual(MAX_ANSWER_BYTES.quota + 2 * chunk.byteLength);
    const declared = await clientAnswering(() => new Response('{}', { status: 200, headers: { 'content-length': String(MAX_ANSWER_BYTES.bundles + 1) } })).bundles({ revocations: [], rules: 0, trust: 0 });
    expect(declared).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    pulled = 0;
    const error = await clientAnswering(() => new Response(endless().body, { status: 500 })).quota(0);
    expect(error).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    expect(pulled).toBeLessThanOrEqual(MAX_ANSWER_BYTES.error + 2 * chunk.byteLength);
  });

  it('sends nothing over plain HTTP to a hub off this machine unless the enrolment allowed it', async () => {
    let calls = 0;
    const counting: typeof fetch = () => {
      calls += 1;
      return Promise.resolve(json(200, { hubTime: 1, cursor: 0, uses: [], more: false }));
    };
    const client = (baseUrl: string, allowInsecureHttp?: boolean) => new HubClient({ baseUrl, clock: () => 1_000_000, hubOffsetMs: () => 0, signer, fetch: counting, allowInsecureHttp });
    expect(await client('http://hub.example.test').quota(0)).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringContaining('plain HTTP') as unknown } });
    expect(calls).toBe(0);
    expect((await client('http://hub.example.test', true).quota(0)).ok).toBe(true);
    expect((await client('https://hub.example.test').quota(0)).ok).toBe(true);
    expect((await client('http://127.0.0.1:8443').quota(0)).ok).toBe(true);
    expect(calls).toBe(3);
  });
});

describe('a terminal clock that jumped since the last sync', () => {
  const env = useSyncEnv({ enrolAs: 'T1' });

  it('learns the hub clock from the refusal, syncs, and warns', async () => {
    useCinema(env.t1.terminal, env.authority.card(), dayN(0));
    // The hub's clock runs on; this terminal's clock is set 2 hours back (a dead battery).
    const start = env.clock.now;
    const hub = await new FakeHub(() => start + 2 * 3_600_000).start();
    try {
      for (const [id, t] of env.hub.terminals) hub.terminals.set(id, t);
      const { sync } = openStores(env.t1.terminal);
      const enrolment = sync.enrolment();
      if (enrolment === undefined) throw new Error('not enrolled');
      sync.setEnrolment({ ...enrolment, hubUrl: hub.url });
      const report = await runSyncRound(env.t1.terminal);
      expect(report.state).toBe('idle');
      expect(report.notices).toEqual([{ code: 'CLOCK_SKEW', minutes: 120, direction: 'behind' }]);
      expect(hub.usesFrom('T1')).toHaveLength(1);
    } finally {
      await hub.stop();
    }
  });
});
