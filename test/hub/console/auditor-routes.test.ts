import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify, { type RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from '../../../hub/console/console-app.js';
import { CONSOLE_API } from '../../../shared/console/console-api.js';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { enrol, holder, issue } from '../hub-fixtures.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

/**
 * The POST routes an auditor may call, each for a stated reason: its own sign-out and second
 * factor, and the find by ID number (a read sent as a POST to keep the number out of URLs).
 * Sign-in has no session to have a role. A new exemption must be added here on purpose.
 */
const AUDITOR_MAY = ['POST /console/api/sign-in', 'POST /console/api/sign-out', 'POST /console/api/totp/enrol', 'POST /console/api/totp/confirm', 'POST /console/api/cards/find-by-id'];

/** Every route `registerConsole` registers, as an onRoute hook sees it: the list is the hub's own, not kept by hand. */
async function registeredRoutes(b: Bench): Promise<RouteOptions[]> {
  const probe = Fastify();
  const routes: RouteOptions[] = [];
  probe.addHook('onRoute', (r) => {
    routes.push(r);
  });
  registerConsole(probe, b.hub, { secure: false });
  await probe.ready();
  await probe.close();
  return routes;
}

const methodsOf = (r: RouteOptions): string[] => (Array.isArray(r.method) ? r.method : [r.method]).map(String);

/** Every row of every table but the staff log (which records the refusals) and the sessions' last-seen times (each request touches its own). */
function storeRows(dataDir: string): string {
  const db = new Database(join(dataDir, HUB_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const rows: Record<string, unknown[]> = {};
    for (const table of tables) {
      if (table === 'staff_log') continue;
      if (table === 'staff_sessions') rows[table] = db.prepare('SELECT token_hash, staff_id FROM staff_sessions ORDER BY token_hash').all();
      else if (table === 'meta') rows[table] = db.prepare("SELECT * FROM meta WHERE key <> 'staff_log_head' ORDER BY key").all();
      else rows[table] = db.prepare(`SELECT * FROM "${table}"`).all();
    }
    const text = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (Buffer.isBuffer(x) ? x.toString('base64') : x));
    // Some tables have no rowid: each table's rows compared as a sorted set of their texts.
    return JSON.stringify(Object.entries(rows).map(([table, r]) => [table, r.map(text).sort()]));
  } finally {
    db.close();
  }
}

/**
 * Issue 11: an auditor reads everything and changes nothing. The routes are enumerated from the
 * registered console (an onRoute hook), so a route added tomorrow is checked without editing this
 * test; each state-changing one answers an auditor 403 FORBIDDEN, logged, and no table changes.
 */
describe('an auditor on every registered state-changing console route', () => {
  let b: Bench;
  beforeAll(async () => {
    b = await consoleBench();
    await enrol(b.hub, 'T1', '东昌影城', 'cinema');
    await b.hub.store.flags.add([{ kind: 'CLOCK_OFF', terminalId: 'T1', detail: 'clock +2 h' }], b.clock());
    await issue(b.hub, [holder(1)]);
  });
  afterAll(async () => {
    await b.cleanup();
  });

  it('finds the console’s changes through an onRoute hook, and only the stated ones open to an auditor', async () => {
    const routes = (await registeredRoutes(b)).filter((r) => r.url.startsWith(`${CONSOLE_API}/`));
    const changes = routes.flatMap((r) => methodsOf(r).filter((m) => m !== 'GET' && m !== 'HEAD').map((m) => ({ key: `${m} ${r.url}`, route: r })));
    const open = changes.filter((c) => c.route.config?.consoleRoute === undefined || c.route.config.consoleRoute.auditorMay).map((c) => c.key);
    expect(open.sort()).toEqual([...AUDITOR_MAY].sort());
    // The console has far more changes than the exemptions: staff, cards, rosters, terminals, flags, rules, keys.
    expect(changes.length - open.length).toBeGreaterThanOrEqual(15);
  });

  it('answers each of them 403 FORBIDDEN to an auditor with a valid session and CSRF token, logs it, and changes no table', async () => {
    const routes = (await registeredRoutes(b)).filter((r) => r.url.startsWith(`${CONSOLE_API}/`));
    const targets = routes
      .flatMap((r) => methodsOf(r).filter((m) => m !== 'GET' && m !== 'HEAD').map((m) => ({ method: m, url: r.url, mark: r.config?.consoleRoute })))
      .filter((c) => c.mark !== undefined && !c.mark.auditorMay);
    const auditor = await b.as('auditor');
    const before = storeRows(b.dataDir);
    const logBefore = (await b.hub.store.staffLog.list(0, 10_000)).length;
    const answers: string[] = [];
    for (const t of targets) {
      // Any id in a path: the role is refused before params or body are read.
      const path = t.url.slice(CONSOLE_API.length).replace(/:[A-Za-z]+/g, 'T1');
      const res = await b.post(auditor, path, {});
      answers.push(`${t.method} ${path} ${res.statusCode} ${res.json<{ error?: string }>().error ?? ''}`);
    }
    expect(answers).toEqual(targets.map((t) => `${t.method} ${t.url.slice(CONSOLE_API.length).replace(/:[A-Za-z]+/g, 'T1')} 403 FORBIDDEN`));
    expect(storeRows(b.dataDir)).toBe(before);
    const logged = (await b.hub.store.staffLog.list(0, 10_000)).slice(logBefore);
    expect(logged.map((e) => `${e.staffId} ${e.action} ${e.outcome}`)).toEqual(targets.map((t) => `auditor ${t.mark?.action ?? ''} refused:FORBIDDEN`));
  });
});
