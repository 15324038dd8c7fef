import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CARD_PATHS, type RosterJobView } from '../../../shared/console/card-api.js';
import { CONSOLE_CSRF_HEADER, type SessionView, type StaffRole } from '../../../shared/console/console-api.js';
import { createStaff } from '../../../hub/console/staff-accounts.js';
import type { Hub } from '../../../hub/hub.js';
import { buildHubApp, type ServeOptions } from '../../../hub/server/hub-server.js';
import { testClock, testHub, type TestClock } from '../hub-fixtures.js';

/** Passwords of the test accounts (each role's id is its name). */
export const PASSWORDS: Record<StaffRole, string> = { admin: 'admin-password-1', officer: 'officer-password-1', auditor: 'auditor-password-1' };
/** The Origin the console's own pages send (inject's default Host is localhost:80). */
export const ORIGIN = 'http://localhost:80';

/** A signed-in browser: its cookie and CSRF token. */
export interface Browser {
  cookie: string;
  csrf: string;
  view: SessionView;
}

/** The browser a successful sign-in answer makes. */
export function browserOf(response: LightMyRequestResponse): Browser {
  if (response.statusCode !== 200) throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
  const setCookie = String(response.headers['set-cookie']);
  const view = response.json<SessionView>();
  return { cookie: setCookie.split(';')[0] ?? '', csrf: view.csrfToken, view };
}

/** A test hub with its app (not listening), one account of each role, and helpers to call the console as a browser would. */
export async function consoleBench(options: ServeOptions = {}): Promise<{
  hub: Hub;
  dataDir: string;
  app: FastifyInstance;
  clock: TestClock;
  signIn: (id: string, password: string, extra?: { totp?: string; cookie?: string }) => Promise<LightMyRequestResponse>;
  as: (role: StaffRole) => Promise<Browser>;
  post: (browser: Browser | undefined, path: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  get: (browser: Browser | undefined, path: string) => Promise<LightMyRequestResponse>;
  cleanup: () => Promise<void>;
}> {
  const clock = testClock();
  const { hub, dataDir, cleanup } = await testHub(clock);
  for (const role of ['admin', 'officer', 'auditor'] as const) {
    const made = await createStaff(hub, { id: role, name: `测试${role}`, role, password: PASSWORDS[role] }, { actor: 'cli:test', address: 'local' });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
  }
  const { app } = buildHubApp(hub, options);
  await app.ready();
  const signIn = (id: string, password: string, extra: { totp?: string; cookie?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: '/console/api/sign-in',
      headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...(extra.cookie === undefined ? {} : { cookie: extra.cookie }) },
      payload: { id, password, ...(extra.totp === undefined ? {} : { totp: extra.totp }) },
    });
  return {
    hub,
    dataDir,
    app,
    clock,
    signIn,
    as: async (role) => browserOf(await signIn(role, PASSWORDS[role])),
    post: (browser, path, body, headers = {}) =>
      app.inject({
        method: 'POST',
        url: `/console/api${path}`,
        headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...(browser === undefined ? {} : { cookie: browser.cookie, [CONSOLE_CSRF_HEADER]: browser.csrf }), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    get: (browser, path) => app.inject({ method: 'GET', url: `/console/api${path}`, headers: browser === undefined ? {} : { cookie: browser.cookie } }),
    cleanup: async () => {
      await app.close();
      await cleanup();
    },
  };
}

/** A roster job read through the console until it is no longer running (30 s at most). */
export async function rosterJobSettled(bench: Pick<Awaited<ReturnType<typeof consoleBench>>, 'get'>, browser: Browser, id: string): Promise<RosterJobView> {
  for (let i = 0; i < 600; i += 1) {
    const job = (await bench.get(browser, CARD_PATHS.rosterJob(id))).json<RosterJobView>();
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the job did not finish');
}
