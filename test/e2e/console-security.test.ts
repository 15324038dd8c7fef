import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol } from '../hub/hub-fixtures.js';
import { addStaff, CONSOLE_ARTIFACTS, useConsoleHub } from './console-page.js';

/** The account every hostile page tries to make: an admin the attacker would own. */
const MOLE = { id: 'mole', name: '内鬼', role: 'admin', password: 'mole-password-1' };
/** Staff and site names carrying script, as a careless or hostile colleague could type them. */
const SCRIPT_NAME = '<img src=x onerror="window.__pwned=1">';
const SCRIPT_SITE = '<script>window.__pwned=2</script>影城';

/**
 * The attacker's web server on another origin: each path is a page that attacks the console of
 * `hub` in the browser of a signed-in admin who opens it.
 */
function hostilePages(hub: () => string): Record<string, string> {
  const api = () => `${hub()}/console/api/staff`;
  const json = () => JSON.stringify(MOLE);
  return {
    // A credentialed fetch: JSON needs a CORS preflight the hub never grants; text/plain goes without one.
    '/fetch': `<script>
      window.results = [];
      const tryIt = async (label, init) => {
        try { const r = await fetch(${JSON.stringify(api())}, { method: 'POST', credentials: 'include', ...init }); window.results.push(label + ':' + r.status); }
        catch (e) { window.results.push(label + ':blocked'); }
      };
      (async () => {
        await tryIt('json', { headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(json())} });
        await tryIt('text', { mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(json())} });
        window.done = true;
      })();
    </script>`,
    // Forms need no script of the hub's and no preflight: urlencoded, and text/plain shaped to read as JSON.
    '/form-urlencoded': `<form method="post" action="${api()}">${Object.entries(MOLE)
      .map(([k, v]) => `<input name="${k}" value="${v}">`)
      .join('')}</form><script>document.forms[0].submit()</script>`,
    '/form-text': `<form method="post" enctype="text/plain" action="${api()}"><input name='${json().slice(0, -1)},"x":"' value='"}'></form><script>document.forms[0].submit()</script>`,
    // Clickjacking: the console inside the attacker's page.
    '/frame': `<h1>hostile</h1><iframe id="console" src="${hub()}/console/" width="800" height="600"></iframe>`,
  };
}

/** Serves the hostile pages on 127.0.0.1 at a port of its own: another origin than the hub's (same site: the cookie goes along). */
async function serveHostile(pages: Record<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const body = pages[(request.url ?? '/').split('?')[0] ?? '/'];
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body === undefined ? 'no' : `<!doctype html><meta charset="utf-8"><title>offer</title>${body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * Issue 11's "CSRF and cross-origin attempts refused", in a real browser: a signed-in admin opens
 * an attacker's page on another origin (127.0.0.1 at another port — the same site, so even the
 * SameSite=Strict cookie goes along, and only the origin checks and the CSRF token stand; and
 * `localhost`, another site) that posts to the staff route by fetch and by forms, and frames the
 * console. Each is refused and no account is made. And script typed into a staff or site name
 * never runs on the pages that show it (CSP and text rendering).
 */
describe('the bureau console against a hostile page and hostile data', () => {
  const consoleHub = useConsoleHub({
    staff: [{ id: 'admin', role: 'admin', name: '王管理' }],
    seed: async (hub) => {
      await addStaff(hub, [{ id: 'scripter', role: 'officer', name: SCRIPT_NAME }]);
      await enrol(hub, 'T-xss', SCRIPT_SITE, 'cinema');
    },
  });
  let hostile: { server: Server; origin: string } | undefined;
  beforeAll(async () => {
    hostile = await serveHostile(hostilePages(() => consoleHub.url));
  });
  afterAll(async () => {
    await new Promise((resolve) => hostile?.server.close(resolve));
  });
  const origins = (): string[] => {
    const here = hostile?.origin ?? '';
    return [here, here.replace('127.0.0.1', 'localhost')];
  };

  /** Opens a hostile page in the signed-in admin's browser (same cookies), waiting for what it does. */
  const visit = async (page: Page, url: string): Promise<void> => {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
  };

  it('refuses a credentialed fetch and auto-submitted forms from another origin, and makes no account', async () => {
    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('signed-in-as').waitFor();
      const logBefore = (await consoleHub.hub.store.staffLog.list(0, 10_000)).length;
      const hubAnswers: string[] = [];
      for (const origin of origins()) {
        const evil = await c.context.newPage();
        evil.on('response', (r) => {
          if (r.url().startsWith(`${consoleHub.url}/console/api/staff`)) hubAnswers.push(`${r.request().method()} ${r.status()}`);
        });
        await visit(evil, `${origin}/fetch`);
        await evil.waitForFunction(() => (globalThis as unknown as { done?: boolean }).done === true);
        const results = await evil.evaluate(() => (globalThis as unknown as { results: string[] }).results);
        // The preflight is refused, so the JSON post is never sent; the no-cors post is sent and refused, its answer
        // opaque to the page or withheld from it altogether (Cross-Origin-Resource-Policy: same-origin).
        expect(results[0]).toBe('json:blocked');
        expect(['text:0', 'text:blocked']).toContain(results[1]);
        for (const form of ['/form-urlencoded', '/form-text']) {
          await visit(evil, `${origin}${form}`);
          // The form's answer is the hub's refusal, never a made account.
          expect(await evil.locator('body').textContent()).toMatch(/"error":"(CSRF|NOT_SIGNED_IN)"|Unsupported Media Type/);
        }
        await evil.close();
      }
      expect(await consoleHub.hub.store.staff.get('mole')).toBeUndefined();
      // What reached the hub was answered 403/401/415 (each refusal of a change written down), never 201.
      expect(hubAnswers.length).toBeGreaterThanOrEqual(4);
      expect(hubAnswers.filter((a) => !/^(POST (401|403|415)|OPTIONS (404|400))$/.test(a))).toEqual([]);
      const refused = (await consoleHub.hub.store.staffLog.list(0, 10_000)).slice(logBefore).filter((e) => e.action === 'staff.add');
      expect(refused.length).toBeGreaterThanOrEqual(2);
      expect(refused.every((e) => e.outcome.startsWith('refused:'))).toBe(true);
      // The admin's own session still works: the attack ended nothing and changed nothing.
      expect(await c.postFromPage('/staff', { ...MOLE, id: 'realnew' })).toMatchObject({ status: 201 });
      expect((await consoleHub.hub.store.staff.get('realnew'))?.role).toBe('admin');
    });
  });

  it('will not be framed by another origin: the frame stays empty', async () => {
    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('signed-in-as').waitFor();
      for (const origin of origins()) {
        const evil = await c.context.newPage();
        const refusals: string[] = [];
        evil.on('console', (m) => refusals.push(m.text()));
        await visit(evil, `${origin}/frame`);
        const framed = evil.frames().find((f) => f !== evil.mainFrame());
        if (framed === undefined) throw new Error('no frame');
        // Chromium replaces a refused frame with its error page: none of the console is in it.
        expect(framed.url().startsWith(consoleHub.url)).toBe(false);
        expect(await framed.locator('[data-testid="sign-in-id"], [data-testid="signed-in-as"], nav').count()).toBe(0);
        expect(refusals.join('\n')).toMatch(/frame-ancestors|X-Frame-Options/);
        await evil.screenshot({ path: `${CONSOLE_ARTIFACTS}/hostile-frame-${origin.includes('localhost') ? 'cross-site' : 'same-site'}.png` });
        await evil.close();
      }
    });
  });

  it('shows script typed into a staff name and a site name as text; it never runs', async () => {
    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('nav-staff').click();
      const row = c.tid('staff-table').locator('tr[data-staff="scripter"]');
      await expect.poll(() => row.locator('td').first().textContent()).toBe(SCRIPT_NAME);
      await c.tid('nav-staff-log').click();
      await c.tid('log-table').waitFor();
      await c.tid('nav-terminals').click();
      const site = c.tid('terminal-table').locator('tr[data-terminal="T-xss"] td').first();
      await expect.poll(() => site.textContent()).toBe(SCRIPT_SITE);
      await c.tid('nav-overview').click();
      await c.page.getByRole('heading', { name: '概览' }).waitFor();
      expect(await c.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await c.page.locator('img[src="x"], script:not([src])').count()).toBe(0);
      // close() fails on any script error or CSP refusal the pages met: none may have been tried.
    });
  });
});
