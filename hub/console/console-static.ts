import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_API } from '../../shared/console/console-api.js';
import type { Hub } from '../hub.js';
import { sendError } from '../server/http-errors.js';

/** The types of what `npm run build:console` emits; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The repository (or installed package) root: the nearest folder above this file with a package.json, from source or from dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/** Where the built pages are: dist/console under the package root. */
export const CONSOLE_PAGES_DIR = join(packageRoot(), 'dist', 'console');

/**
 * What a path under /console/ maps to: a file inside `root` with a known type, never outside it
 * (no `..`, no encoded separators, no NUL), or index.html for the console's root.
 */
export async function consoleFile(root: string, rest: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const base = resolve(root);
  const full = resolve(base, decoded === '' ? 'index.html' : `./${decoded}`);
  if (!full.startsWith(base + sep) || CONTENT_TYPES[extname(full)] === undefined) return undefined;
  return (await stat(full).catch(() => undefined))?.isFile() === true ? full : undefined;
}

/**
 * Serves the console's pages under /console/ (the security headers, CSP included, come from
 * console-guard.ts's hook on everything under /console). The pages route by the address's
 * fragment, so only the root answers index.html; a missing asset is 404, never HTML. Paths under
 * /console/api/ that no route has are the API's own 404 in JSON.
 */
export function registerConsolePages(app: FastifyInstance, hub: Hub, root: string = CONSOLE_PAGES_DIR): void {
  app.get('/console', (_request, reply) => reply.redirect('/console/', 301));
  app.get('/console/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith(`${CONSOLE_API}/`) || path === CONSOLE_API) return sendError(reply, hub, 404, 'NOT_FOUND', 'no such console API route');
    const rest = path.slice('/console/'.length);
    const file = await consoleFile(root, rest);
    if (file === undefined) {
      if (rest === '') return reply.code(503).type('text/plain; charset=utf-8').send('The console’s pages are not built on this hub: run npm run build:console');
      return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    return reply.type(type).send(await readFile(file));
  });
}
