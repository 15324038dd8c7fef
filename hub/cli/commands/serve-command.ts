import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { DEFAULT_HOST, DEFAULT_PORT, startHubServer } from '../../server/hub-server.js';
import type { Hub } from '../../hub.js';
import { HUB_EXIT, HubCliError, parseCommand, t, withHub, type HubCliContext } from '../hub-cli.js';

/** Serve options as parsed from the command line. */
export interface ServeValues {
  port?: string;
  host?: string;
  cert?: string;
  key?: string;
  quiet?: boolean;
  'trust-proxy'?: string;
  'public-url'?: string;
}

/** The `serve` options, shared with `demo`. */
export const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  quiet: { type: 'boolean' },
  'trust-proxy': { type: 'string' },
  'public-url': { type: 'string' },
} as const;

/** `--public-url URL`: the hub's origin as terminals reach it (http or https, no path, query or user), or undefined. */
export function parsePublicUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HubCliError({ code: 'PUBLIC_URL_INVALID', value });
  }
  const plain = (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.pathname === '/' && url.search === '' && url.hash === '';
  if (!plain) throw new HubCliError({ code: 'PUBLIC_URL_INVALID', value });
  return url.origin;
}

/** `--trust-proxy ADDR[,ADDR…]`: the reverse proxies' addresses or CIDRs (10.0.0.1, 10.0.0.0/24, ::1), nothing else. */
export function parseTrustProxy(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((v) => v.trim());
  for (const entry of list) {
    const [ip = '', prefix, extra] = entry.split('/');
    const version = isIP(ip);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32));
    if (version === 0 || !prefixOk || extra !== undefined) throw new HubCliError({ code: 'TRUST_PROXY_INVALID', value: entry });
  }
  return list;
}

function readPem(path: string, what: 'certificate' | 'key'): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new HubCliError({ code: 'TLS_UNREADABLE', what, file: path, cause: (e as { code?: string }).code ?? String(e) });
  }
}

/** Serves until SIGINT or SIGTERM, then closes cleanly (in-flight requests finish). */
export async function serveHub(ctx: HubCliContext, hub: Hub, values: ServeValues): Promise<number> {
  if ((values.cert === undefined) !== (values.key === undefined)) throw new HubCliError({ code: 'TLS_PAIR' });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new HubCliError({ code: 'PORT_INVALID' });
  const tls = values.cert !== undefined && values.key !== undefined ? { cert: readPem(values.cert, 'certificate'), key: readPem(values.key, 'key') } : undefined;
  const trustProxy = parseTrustProxy(values['trust-proxy']);
  const publicUrl = parsePublicUrl(values['public-url']);
  let running;
  try {
    running = await startHubServer(
      hub,
      { host: values.host ?? DEFAULT_HOST, port, ...(tls === undefined ? {} : { tls }), ...(trustProxy === undefined ? {} : { trustProxy }), ...(publicUrl === undefined ? {} : { console: { publicUrl } }), log: values.quiet !== true },
      ctx.err,
    );
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new HubCliError({ code: 'PORT_IN_USE', port });
    if (code === 'EACCES') throw new HubCliError({ code: 'PORT_NOT_ALLOWED', port });
    if (code === 'EADDRNOTAVAIL') throw new HubCliError({ code: 'NO_SUCH_ADDRESS', host: values.host ?? DEFAULT_HOST });
    throw e;
  }
  ctx.out(t(ctx, `中心已启动：${running.url}（Ctrl+C 停止）`, `Hub serving at ${running.url} (Ctrl+C stops it)`));
  const signal = await ctx.stopSignal();
  ctx.err(`jinka-hub: ${signal}, stopping`);
  await running.close();
  return HUB_EXIT.ok;
}

/** `serve [--port N] [--host H] [--cert FILE --key FILE] [--trust-proxy ADDR,…] [--public-url URL] [--quiet]`. */
export async function serveCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, SERVE_OPTIONS);
  return withHub(ctx, values, (hub) => serveHub(ctx, hub, values));
}
