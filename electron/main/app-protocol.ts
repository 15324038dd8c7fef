import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { RENDERER_CSP, SECURITY_HEADERS } from '../renderer-host/security-headers.js';
import { contentTypeFor, resolveStaticFile } from '../renderer-host/static-files.js';

/** The renderer's own origin: a privileged custom scheme, so 'self' in the CSP means the app's files only. */
export const APP_ORIGIN = 'app://jinka';

/** The page the window loads. */
export const APP_PAGE = `${APP_ORIGIN}/index.html`;

/** True when a URL belongs to the app's own page (and not, say, app://jinka.evil). */
export function isAppUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && (url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`));
}

/** Declares the app scheme as standard and secure; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } }]);
}

/** Serves dist/renderer on app://jinka/ with the same files, types and CSP as the HTTP bridge. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'jinka') return new Response('not found', { status: 404 });
    const target = await resolveStaticFile(rendererDir, url.pathname);
    if (target.kind !== 'file') return new Response('not found', { status: 404 });
    const body = await readFile(target.path);
    return new Response(new Uint8Array(body), {
      headers: { ...SECURITY_HEADERS, 'content-security-policy': RENDERER_CSP, 'content-type': contentTypeFor(target.path) },
    });
  });
}
