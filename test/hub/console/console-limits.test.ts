import { afterEach, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../hub/cli/commands/serve-command.js';
import { addressKey } from '../../../hub/console/console-address.js';
import { consoleBench, ORIGIN, PASSWORDS } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;
const NEW_STAFF = { id: 'li', name: '李四', role: 'officer', password: 'a-new-password-1' };

describe('console: per-address limits an attacker cannot side-step', () => {
  let b: Bench | undefined;
  afterEach(async () => {
    await b?.cleanup();
    b = undefined;
  });

  it('keys an IPv6 address by its /64, an IPv4-mapped one by its IPv4 address', () => {
    expect(addressKey('2001:db8::1')).toBe(addressKey('2001:0db8:0000:0000:ffff:1:2:3'));
    expect(addressKey('2001:db8::1')).not.toBe(addressKey('2001:db8:0:1::1'));
    expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('fe80::1%eth0')).toBe(addressKey('fe80::2'));
  });

  it('--trust-proxy takes addresses and CIDRs only', () => {
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/24,::1')).toEqual(['127.0.0.1', '10.0.0.0/24', '::1']);
    for (const bad of ['', 'true', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8', '::1/129']) expect(() => parseTrustProxy(bad), bad).toThrow();
  });

  it('300 addresses of one IPv6 /64 write no more anonymous entries than one address', async () => {
    b = await consoleBench();
    const before = await b.hub.store.staffLog.count();
    for (let i = 0; i < 300; i++) {
      await b.app.inject({ method: 'POST', url: '/console/api/staff', remoteAddress: `2001:db8::${i.toString(16)}`, headers: { origin: 'https://evil.example' }, payload: {} });
    }
    expect((await b.hub.store.staffLog.count()) - before).toBe(60);
  });

  it('sign-in attempts from one /64 share one allowance', async () => {
    b = await consoleBench();
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await b.app.inject({ method: 'POST', url: '/console/api/sign-in', remoteAddress: `2001:db8::${(i + 1).toString(16)}`, headers: { origin: ORIGIN }, payload: { id: `nobody${i}`, password: 'x' } });
      codes.push(r.statusCode);
    }
    expect(codes.filter((c) => c === 429).length).toBe(5);
  });

  it('anonymous entries have an overall cap per minute, whatever the number of addresses', async () => {
    b = await consoleBench({ console: { anonymousLogOverall: 100 } });
    const before = await b.hub.store.staffLog.count();
    for (let i = 0; i < 300; i++) {
      await b.app.inject({ method: 'POST', url: '/console/api/staff', remoteAddress: `10.7.${i >> 8}.${i & 255}`, headers: { origin: ORIGIN }, payload: NEW_STAFF });
    }
    expect((await b.hub.store.staffLog.count()) - before).toBe(100);
    // A signed-in caller's refusals are still written.
    const officer = await b.as('officer');
    expect((await b.post(officer, '/staff', NEW_STAFF)).statusCode).toBe(403);
    expect((await b.hub.store.staffLog.list(0, 1000)).at(-1)).toMatchObject({ staffId: 'officer', outcome: 'refused:FORBIDDEN' });
    // A minute later the cap is open again.
    b.clock.advance(60_000);
    await b.app.inject({ method: 'POST', url: '/console/api/staff', remoteAddress: '10.9.0.1', headers: { origin: ORIGIN }, payload: NEW_STAFF });
    expect((await b.hub.store.staffLog.list(0, 1000)).at(-1)).toMatchObject({ address: '10.9.0.1', outcome: 'refused:NOT_SIGNED_IN' });
  });

  it('behind a reverse proxy: X-Forwarded-For is ignored unless --trust-proxy is given', async () => {
    const guesses = async (bench: Bench) => {
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) {
        const r = await bench.app.inject({
          method: 'POST',
          url: '/console/api/sign-in',
          remoteAddress: '127.0.0.1',
          headers: { origin: ORIGIN, 'x-forwarded-for': `198.51.100.${i}` },
          payload: { id: `nobody${i}`, password: 'x' },
        });
        codes.push(r.statusCode);
      }
      return codes;
    };
    b = await consoleBench();
    expect((await guesses(b)).at(-1)).toBe(429);
    await b.cleanup();
    b = await consoleBench({ trustProxy: ['127.0.0.1'] });
    expect((await guesses(b)).includes(429)).toBe(false);
    // A client that is not the proxy names any address it likes in vain.
    const direct = await b.app.inject({ method: 'POST', url: '/console/api/staff', remoteAddress: '10.8.0.1', headers: { origin: ORIGIN, 'x-forwarded-for': '198.51.100.99' }, payload: NEW_STAFF });
    expect(direct.statusCode).toBe(401);
    expect((await b.hub.store.staffLog.list(0, 1000)).at(-1)).toMatchObject({ address: '10.8.0.1' });
    const r = await b.app.inject({ method: 'POST', url: '/console/api/sign-in', remoteAddress: '127.0.0.1', headers: { origin: ORIGIN, 'x-forwarded-for': '198.51.100.77' }, payload: { id: 'admin', password: PASSWORDS.admin } });
    expect(r.statusCode).toBe(200);
    expect((await b.hub.store.staffLog.list(0, 1000)).at(-1)).toMatchObject({ action: 'sign-in', address: '198.51.100.77' });
  });
});
