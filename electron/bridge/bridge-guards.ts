import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Host header values the bridge answers to: its own loopback address and port (DNS-rebinding guard). */
export function allowedHosts(port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // Browsers leave the default port out of the Host header.
  if (port === 80) for (const host of ['127.0.0.1', 'localhost']) hosts.add(host);
  return hosts;
}

/** True when the request names this bridge in Host and, if it sends an Origin, comes from the bridge's own page. */
export function sameSiteRequest(req: IncomingMessage, hosts: ReadonlySet<string>): boolean {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return [...hosts].some((h) => origin.toLowerCase() === `http://${h}`);
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** True when the request carries `Authorization: Bearer <token>` with this launch's token (constant-time compare). */
export function bearerMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer ([A-Za-z0-9_-]{16,256})$/.exec(header);
  return match !== null && timingSafeEqual(digest(match[1] ?? ''), digest(token));
}

/** A request body read up to a limit; beyond it the rest is drained and dropped (the answer is 413). */
export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Reads the body as UTF-8, at most `limit` bytes kept; a sender far past the limit is cut off. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      // Draining lets the client read the 413; past this, it is not worth the bytes.
      if (size > limit * 64) req.destroy();
    });
    req.on('end', () => resolve(tooLarge ? { ok: false, tooLarge: true } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    // A sender cut off above never ends its body: settle anyway, so nothing waits forever.
    req.on('close', () => resolve({ ok: false, tooLarge: true }));
    req.on('error', reject);
  });
}
