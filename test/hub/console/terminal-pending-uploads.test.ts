import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalListResponse } from '../../../shared/console/terminal-api.js';
import { PENDING_UPLOADS_MAX } from '../../../shared/sync/sync-protocol.js';
import { enrol, type EnrolledTerminal } from '../hub-fixtures.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

/**
 * Pending uploads (README "Compatible extensions", "The bureau's console"): a terminal's
 * GET /v1/bundles may say `pending=N`, the audit entries it holds that the hub has not
 * acknowledged; the hub keeps the latest figure and the console's terminal list shows it.
 * A hostile terminal's figure (negative, huge, not a number, said twice) is refused and nothing changes.
 */
describe('pending uploads a terminal reports', () => {
  let b: Bench;
  let t1: EnrolledTerminal;
  beforeEach(async () => {
    b = await consoleBench();
    t1 = await enrol(b.hub, 'T1', 'cinema-a');
    await enrol(b.hub, 'T2', 'cinema-b');
  });
  afterEach(async () => {
    await b.cleanup();
  });

  const ask = (query: string) => {
    const target = `/v1/bundles?revocations=${b.hub.settings.iss}:0&rules=0&trust=0${query}`;
    return b.app.inject({ method: 'GET', url: target, headers: { authorization: t1.auth(b.clock(), { method: 'GET', target }) } });
  };
  const listed = async (): Promise<[string, number | null][]> => {
    const auditor = await b.as('auditor');
    const res = await b.get(auditor, '/terminals');
    expect(res.statusCode).toBe(200);
    return res.json<TerminalListResponse>().terminals.map((t) => [t.id, t.pendingUploads]);
  };

  it('is null until the terminal says it, then the latest figure it said, up to the bound', async () => {
    expect(await listed()).toEqual([
      ['T1', null],
      ['T2', null],
    ]);
    // An older terminal says nothing: the figure stays unknown.
    expect((await ask('')).statusCode).toBe(200);
    expect(await listed()).toEqual([
      ['T1', null],
      ['T2', null],
    ]);
    expect((await ask('&pending=17')).statusCode).toBe(200);
    expect(await listed()).toEqual([
      ['T1', 17],
      ['T2', null],
    ]);
    expect((await ask(`&pending=${PENDING_UPLOADS_MAX}`)).statusCode).toBe(200);
    expect((await listed())[0]).toEqual(['T1', PENDING_UPLOADS_MAX]);
    expect((await ask('&pending=0')).statusCode).toBe(200);
    expect((await listed())[0]).toEqual(['T1', 0]);
  });

  it('ignores a hostile or unreadable figure, keeps the one before, and still answers the bundles (a display figure never stops revocations)', async () => {
    expect((await ask('&pending=5')).statusCode).toBe(200);
    for (const bad of ['-1', '1e12', '1000000000000', String(PENDING_UPLOADS_MAX + 1), 'abc', '', '1.5', '0x10', ' 7', '5&pending=6']) {
      const res = await ask(`&pending=${encodeURIComponent(bad).replace('%26pending%3D', '&pending=')}`);
      expect(res.statusCode, `pending=${bad}`).toBe(200);
      expect(res.json<{ bundles: unknown[] }>().bundles, `pending=${bad}`).toEqual(expect.any(Array));
    }
    expect(await listed()).toEqual([
      ['T1', 5],
      ['T2', null],
    ]);
  });
});
