import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { EnrolLimit } from '../../../hub/server/enrol-limit.js';
import { startHubServer } from '../../../hub/server/hub-server.js';
import { TRUST_ROUTE_LIMIT } from '../../../hub/server/sync-routes.js';
import { createEnrolCode } from '../../../hub/terminals/enrolment.js';
import { cleanupAfterEach, testClock, testHub } from '../hub-fixtures.js';

describe('POST /v1/enrol is limited per address', () => {
  const later = cleanupAfterEach();

  it('answers the 11th attempt in a minute from one address 429 with Retry-After, even with a good code, and lets it in again the next minute', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const server = await startHubServer(made.hub, { port: 0 });
    later(() => server.close());
    const key = generateSigningKey('T1');
    const attempt = (code: string) =>
      fetch(`${server.url}/v1/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, terminalId: 'T1', site: 's', service: 'cinema', publicJwk: key.publicJwk }),
      });
    for (let i = 0; i < 10; i += 1) expect((await attempt(`GUES-SSSS-${String(i).padStart(4, 'A')}`)).status).toBe(403);
    const { code } = await createEnrolCode(made.hub, { site: 'S', service: 'cinema' });
    const limited = await attempt(code);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: 'TOO_MANY_REQUESTS' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await made.hub.store.terminals.get('T1')).toBeUndefined();
    clock.advance(60_000);
    expect((await attempt(code)).status).toBe(200);
  });

  it('answers GET /v1/enrol/trust (public, unauthenticated) 429 past its per-address allowance, and again the next minute', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const server = await startHubServer(made.hub, { port: 0 });
    later(() => server.close());
    const ask = () => fetch(`${server.url}/v1/enrol/trust`);
    for (let i = 0; i < TRUST_ROUTE_LIMIT.perWindow; i += 1) expect((await ask()).status).not.toBe(429);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    clock.advance(60_000);
    expect((await ask()).status).not.toBe(429);
  });

  it('holds at most its room of addresses: a flood of addresses forgets the oldest, never grows without end', () => {
    const limit = new EnrolLimit({ perWindow: 2, windowMs: 60_000, addresses: 3 });
    expect(limit.take('a', 0)).toEqual({ ok: true });
    expect(limit.take('a', 1)).toEqual({ ok: true });
    expect(limit.take('a', 2)).toEqual({ ok: false, retryAfterSec: 60 });
    for (const address of ['b', 'c', 'd', 'e']) limit.take(address, 3);
    expect(limit.size()).toBe(3);
    // Windows that ended are dropped before a live one is forgotten.
    expect(limit.take('f', 60_005)).toEqual({ ok: true });
    expect(limit.size()).toBe(1);
  });
});
