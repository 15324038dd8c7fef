import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type of a renderer file by its extension (application/wasm for the decoder). */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** What a URL path maps to in the renderer folder. */
export type StaticTarget = { kind: 'file'; path: string } | { kind: 'not-found' } | { kind: 'bad-path' };

const isFile = async (path: string): Promise<boolean> => (await stat(path).catch(() => undefined))?.isFile() === true;

/**
 * Maps a URL path onto a file inside `root`, never outside it. A path without an
 * extension that names no file is a page of the app and gets index.html; a missing
 * asset (with an extension) is not found, so a broken script never receives HTML.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticTarget> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'bad-path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-path' };
  const base = resolve(root);
  const full = resolve(base, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (full !== base && !full.startsWith(base + sep)) return { kind: 'bad-path' };
  if (full !== base && (await isFile(full))) return { kind: 'file', path: full };
  if (extname(decoded) !== '' && !decoded.endsWith('.html')) return { kind: 'not-found' };
  const index = join(base, 'index.html');
  return (await isFile(index)) ? { kind: 'file', path: index } : { kind: 'not-found' };
}
