import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrol } from '../hub-fixtures.js';
import { consoleBench, ORIGIN } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

/** Every state-changing route of the overview, terminal, usage, flag, rules and key pages, with a body that would pass. */
const CHANGES: { path: string; body: object; admin: boolean }[] = [
  { path: '/terminals/enrolments', body: { site: 'x', service: 'cinema' }, admin: false },
  { path: '/terminals/T1/disable', body: { reason: 'lost' }, admin: false },
  { path: '/flags/1/resolve', body: { note: 'checked' }, admin: false },
  { path: '/rules/preview', body: { fileName: 'r.json', text: '{}' }, admin: true },
  { path: '/rules/publish', body: { fileName: 'r.json', text: '{}', previewToken: 'x' }, admin: true },
  { path: '/keys/rotate', body: { role: 'signing', passphrase: 'test-passphrase-1' }, admin: true },
  { path: '/keys/lc-2026-1/retire', body: {}, admin: true },
];
const READS = ['/overview', '/terminals', '/usage?from=2026-06-01&to=2026-06-01', '/usage/export.csv?from=2026-06-01&to=2026-06-01', '/usage/export.xlsx?from=2026-06-01&to=2026-06-01', '/flags', '/rules', '/keys', '/issuers'];

describe('console overview, terminals, usage, flags, rules and keys under attack', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
    await enrol(b.hub, 'T1', 'cinema-a', 'cinema');
    await b.hub.store.flags.add([{ kind: 'CLOCK_OFF', terminalId: 'T1', detail: 'clock +2 h' }], b.clock());
  });
  afterEach(async () => {
    await b.cleanup();
  });

  /** What a change would alter: terminals, flags, keys, rules and trust versions. */
  const state = async () =>
    JSON.stringify([
      await b.hub.store.terminals.list(),
      await b.hub.store.flags.list({ limit: 10 }),
      (await b.hub.store.keys.list()).map((k) => [k.kid, k.retiredMs, k.current]),
      await b.hub.store.bundles.latestVersion('jinka/rules'),
      await b.hub.store.bundles.latestVersion('jinka/trust'),
    ]);

  it('an auditor reads every page and is refused every change (403 FORBIDDEN, logged, nothing changed)', async () => {
    const auditor = await b.as('auditor');
    for (const path of READS) expect([path, (await b.get(auditor, path)).statusCode]).toEqual([path, 200]);
    const before = await state();
    for (const c of CHANGES) {
      const res = await b.post(auditor, c.path, c.body);
      expect([c.path, res.statusCode, res.json<{ error: string }>().error]).toEqual([c.path, 403, 'FORBIDDEN']);
    }
    expect(await state()).toBe(before);
    const refused = (await b.hub.store.staffLog.list(0, 200)).filter((e) => e.staffId === 'auditor' && e.outcome === 'refused:FORBIDDEN');
    expect(refused).toHaveLength(CHANGES.length);
  });

  it('an officer is refused the admin-only changes: rules and keys', async () => {
    const officer = await b.as('officer');
    const before = await state();
    for (const c of CHANGES.filter((x) => x.admin)) expect([c.path, (await b.post(officer, c.path, c.body)).statusCode]).toEqual([c.path, 403]);
    expect(await state()).toBe(before);
  });

  it('a change without the CSRF token, from another origin or from a cross-site page is refused before it runs', async () => {
    const admin = await b.as('admin');
    const before = await state();
    for (const c of CHANGES) {
      const noToken = await b.app.inject({ method: 'POST', url: `/console/api${c.path}`, headers: { origin: ORIGIN, cookie: admin.cookie }, payload: c.body });
      expect([c.path, noToken.statusCode, noToken.json<{ error: string }>().error]).toEqual([c.path, 403, 'CSRF']);
      const otherOrigin = await b.post(admin, c.path, c.body, { origin: 'https://evil.example' });
      expect([c.path, otherOrigin.statusCode]).toEqual([c.path, 403]);
      const crossSite = await b.post(admin, c.path, c.body, { 'sec-fetch-site': 'cross-site' });
      expect([c.path, crossSite.statusCode]).toEqual([c.path, 403]);
    }
    expect(await state()).toBe(before);
  });

  it('nobody signed in reads nothing and changes nothing', async () => {
    for (const path of READS) expect([path, (await b.get(undefined, path)).statusCode]).toEqual([path, 401]);
    const before = await state();
    for (const c of CHANGES) expect([c.path, (await b.post(undefined, c.path, c.body)).statusCode]).toEqual([c.path, 401]);
    expect(await state()).toBe(before);
  });
});
