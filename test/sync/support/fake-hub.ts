import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { es256SignatureValid } from '../../../node/crypto/es256-verify.js';
import { publicKeyFromJwk } from '../../../node/crypto/keys.js';
import { auditHash } from '../../../node/audit/audit-hash.js';
import { parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import {
  SYNC_PATHS,
  enrolRequestSchema,
  uploadBatchSchema,
  type AuditEntry,
  type RemoteUse,
} from '../../../shared/sync/sync-protocol.js';
import { closeLocal, listenLocal } from './local-server.js';

/** A terminal the fake hub enrolled. */
export interface FakeTerminal {
  key: KeyObject;
  site: string;
  service: string;
  disabled: boolean;
  cursor: number;
  entries: Map<number, AuditEntry>;
}

/** What a /v1/bundles request carried. */
export interface BundleQuery {
  revocations: string;
  rules: string;
  trust: string;
}

/**
 * A small hub for unit tests, implementing shared/sync/sync-protocol.ts on node:http: it
 * checks the terminal's request token and batch signature, re-checks each entry's hash,
 * keeps each (terminal, seq) once, acknowledges the contiguous prefix, and publishes the
 * uses of every terminal to the others. Switches let a test take it down or cut the
 * connection after an upload was committed.
 */
export class FakeHub {
  readonly codes = new Set<string>(['ENROL-CODE-1', 'ENROL-CODE-2', 'ENROL-CODE-3']);
  readonly terminals = new Map<string, FakeTerminal>();
  /** Every use uploaded, in arrival order: the quota feed (cursor = index + 1). */
  readonly feed: { terminal: string; use: RemoteUse }[] = [];
  /** Bundles to answer GET /v1/bundles with (the test sets them). */
  bundles: (query: BundleQuery) => string[] = () => [];
  readonly bundleQueries: BundleQuery[] = [];
  /** When true, every connection is dropped before an answer (the hub is down). */
  down = false;
  /** Upload requests still to cut after the batch was committed. */
  cutAfterCommit = 0;
  /** Page size of GET /v1/quota. */
  quotaPageSize = 100;
  uploadRequests = 0;
  private server = createServer((req, res) => {
    this.handle(req, res).catch((e: unknown) => this.reply(res, 500, { error: 'INTERNAL', message: String(e) }));
  });
  url = '';

  constructor(readonly clock: () => number = Date.now) {}

  /** Starts listening on 127.0.0.1 (a free port). */
  async start(): Promise<this> {
    this.url = await listenLocal(this.server);
    return this;
  }

  stop(): Promise<void> {
    return closeLocal(this.server);
  }

  /** Uses stored from one terminal (each use id once). */
  usesFrom(terminalId: string): RemoteUse[] {
    return this.feed.filter((f) => f.terminal === terminalId).map((f) => f.use);
  }

  private reply(res: ServerResponse, status: number, body: object): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    // Like the real hub, every refusal carries the hub's clock.
    res.end(JSON.stringify(status >= 400 ? { ...body, hubTime: this.clock() } : body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.down) {
      req.socket.destroy();
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://hub');
    if (req.method === 'POST' && url.pathname === SYNC_PATHS.enrol) return this.enrol(body, res);
    const terminalId = this.authenticate(req);
    if (terminalId === undefined) return this.reply(res, 401, { error: 'UNAUTHORIZED', message: 'bad terminal token' });
    const terminal = this.terminals.get(terminalId) as FakeTerminal;
    if (terminal.disabled) return this.reply(res, 403, { error: 'TERMINAL_DISABLED', message: 'this terminal was disabled by the bureau' });
    if (req.method === 'POST' && url.pathname === SYNC_PATHS.upload) return this.upload(terminalId, terminal, req, body, res);
    if (req.method === 'GET' && url.pathname === SYNC_PATHS.bundles) {
      const query = { revocations: url.searchParams.get('revocations') ?? '', rules: url.searchParams.get('rules') ?? '', trust: url.searchParams.get('trust') ?? '' };
      this.bundleQueries.push(query);
      return this.reply(res, 200, { hubTime: this.clock(), bundles: this.bundles(query) });
    }
    if (req.method === 'GET' && url.pathname === SYNC_PATHS.quota) return this.quota(terminalId, Number(url.searchParams.get('since') ?? 0), res);
    return this.reply(res, 404, { error: 'NOT_FOUND' });
  }

  private enrol(body: string, res: ServerResponse): void {
    const parsed = enrolRequestSchema.safeParse(JSON.parse(body));
    if (!parsed.success) return this.reply(res, 400, { error: 'INVALID', message: parsed.error.message });
    if (!this.codes.delete(parsed.data.code)) return this.reply(res, 403, { error: 'BAD_CODE', message: 'unknown or used enrolment code' });
    const { terminalId, publicJwk } = parsed.data;
    // Its codes are bound to no place: a terminal that names none is put at a fake cinema, and told so as the real hub tells it.
    const site = parsed.data.site ?? '假影城';
    const service = parsed.data.service ?? 'cinema';
    this.terminals.set(terminalId, { key: publicKeyFromJwk(publicJwk), site, service, disabled: false, cursor: 0, entries: new Map() });
    const told = parsed.data.site === undefined || parsed.data.service === undefined ? { site, service } : {};
    this.reply(res, 200, { terminalId, hubTime: this.clock(), ...told });
  }

  private authenticate(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Jinka-Terminal ') ? header.slice('Jinka-Terminal '.length) : '';
    const jwt = parseCompactJwt(token);
    const sub = jwt?.payload.sub;
    const terminal = typeof sub === 'string' ? this.terminals.get(sub) : undefined;
    if (jwt === undefined || terminal === undefined || !es256SignatureValid(token, terminal.key)) return undefined;
    const { iat, exp } = jwt.payload;
    const now = Math.floor(this.clock() / 1000);
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp > iat + 300 || exp < now - 30 || iat > now + 30) return undefined;
    return sub as string;
  }

  private upload(terminalId: string, terminal: FakeTerminal, req: IncomingMessage, body: string, res: ServerResponse): void {
    this.uploadRequests += 1;
    if (req.headers['content-type'] !== 'application/jose') return this.reply(res, 415, { error: 'UNSUPPORTED_MEDIA_TYPE' });
    const ack = this.ingest(body, terminalId);
    if (typeof ack === 'string') return this.reply(res, 400, { error: ack });
    if (this.cutAfterCommit > 0) {
      this.cutAfterCommit -= 1;
      req.socket.destroy();
      return;
    }
    this.reply(res, 200, { ...ack, hubTime: this.clock() });
  }

  /** Takes one signed batch (an upload body or a line of a USB export); an error code when refused. */
  ingest(jws: string, expectedTerminal?: string): { cursor: number; accepted: number; duplicates: number; flags: string[] } | string {
    const jwt = parseCompactJwt(jws, 16 * 1024 * 1024);
    const terminalId = expectedTerminal ?? String(jwt?.payload.terminal);
    const terminal = this.terminals.get(terminalId);
    if (jwt === undefined || terminal === undefined || !es256SignatureValid(jws, terminal.key)) return 'BAD_SIGNATURE';
    const batch = uploadBatchSchema.safeParse(jwt.payload);
    if (!batch.success || batch.data.terminal !== terminalId) return 'INVALID';
    let accepted = 0;
    let duplicates = 0;
    const flags: string[] = [];
    for (const entry of batch.data.entries) {
      if (terminal.entries.has(entry.seq)) {
        duplicates += 1;
        continue;
      }
      if (auditHash(entry.prev_hash, entry.seq, entry.at_ms, entry.kind, entry.body) !== entry.hash) flags.push(`CHAIN_BREAK ${entry.seq}`);
      terminal.entries.set(entry.seq, entry);
      accepted += 1;
      if (entry.kind === 'use') {
        const use = JSON.parse(entry.body) as { id: string; iss: string; sub: string; service: string; beneficiary: string; atMs: number };
        this.feed.push({ terminal: terminalId, use: { id: use.id, iss: use.iss, sub: use.sub, service: use.service, beneficiary: use.beneficiary, at: use.atMs } });
      }
    }
    while (terminal.entries.has(terminal.cursor + 1)) terminal.cursor += 1;
    return { cursor: terminal.cursor, accepted, duplicates, flags };
  }

  private quota(terminalId: string, since: number, res: ServerResponse): void {
    const uses: RemoteUse[] = [];
    let cursor = since;
    while (cursor < this.feed.length && uses.length < this.quotaPageSize) {
      const item = this.feed[cursor] as { terminal: string; use: RemoteUse };
      if (item.terminal !== terminalId) uses.push(item.use);
      cursor += 1;
    }
    this.reply(res, 200, { hubTime: this.clock(), cursor, uses, more: cursor < this.feed.length });
  }
}
