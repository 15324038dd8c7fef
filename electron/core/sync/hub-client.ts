import type { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result.js';
import {
  PENDING_UPLOADS_MAX,
  SYNC_PATHS,
  bundlesResponseSchema,
  enrolResponseSchema,
  enrolTrustResponseSchema,
  quotaResponseSchema,
  uploadAckSchema,
  type EnrolRequest,
} from '../../../shared/sync/sync-protocol.js';
import { clip, type SyncNotice } from '../../../shared/sync/sync-status-codes.js';
import { checkHubUrl } from './hub-url.js';
import type { TerminalSigner } from './terminal-signer.js';

/** Why a call to the hub did not succeed; `offline` is the only kind a retry alone can cure. */
export type HubErrorKind = 'offline' | 'disabled' | 'unauthorized' | 'refused' | 'invalid-response';

/**
 * A failed call, with the hub's clock when its answer carried one (a `Date` header). `notice`
 * is what the sync state shows, as a code the counter and the CLI word; `message` is the same
 * in English for support (enrolment quotes it).
 */
export interface HubError {
  kind: HubErrorKind;
  status: number | null;
  message: string;
  notice: SyncNotice;
  hubTimeMs: number | null;
}

/** A successful call: the parsed answer, the hub's clock, and this terminal's clock at the middle of the request. */
export interface HubReply<T> {
  value: T;
  hubTimeMs: number | null;
  localMs: number;
}

/** Where the hub is and how to reach it. */
export interface HubClientOptions {
  baseUrl: string;
  /** This terminal's clock (UTC ms). */
  clock: () => number;
  /** Hub time minus this terminal's clock, as last measured (0 before the first contact). */
  hubOffsetMs: () => number;
  signer?: TerminalSigner | undefined;
  fetch?: typeof fetch | undefined;
  /** Timeout of small calls (enrol, upload, quota); default 15 s. */
  timeoutMs?: number | undefined;
  /** Timeout of the bundle download (a full list of 100,000 cards); default 120 s. */
  downloadTimeoutMs?: number | undefined;
  /** Aborts every call in flight (the sync loop stopping). */
  signal?: AbortSignal | undefined;
  /** Plain HTTP to a hub not on this machine, as the supervisor chose at enrolment (`--insecure-http`). */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Told the hub's clock from a refused request token (401 with the hub's time): the
   * offset is corrected and the call tried once more, so a terminal whose clock jumped
   * since the last contact is not locked out.
   */
  onHubClock?: ((hubTimeMs: number, localMs: number) => void) | undefined;
}

/** Held state sent with GET /v1/bundles: revocation seq per issuer, rules and trust versions. */
export interface HeldVersions {
  revocations: { iss: string; seq: number }[];
  rules: number;
  trust: number;
  /** Audit entries the hub has not acknowledged yet (compatible extension `pending=N`; clamped to PENDING_UPLOADS_MAX). */
  pendingUploads?: number | undefined;
}

/** Media type of a compact JWS body (RFC 7515 §9.2.1). */
export const JWS_CONTENT_TYPE = 'application/jose';

interface Call<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  schema: S;
  query?: Record<string, string>;
  json?: unknown;
  jws?: string;
  auth: boolean;
  timeoutMs?: number;
  /** Largest answer read, in bytes (decoded); the read is aborted beyond it. */
  maxBytes: number;
}

/**
 * Largest answers read per route. The bench's full list of 100,000 revocations is about 9 MB
 * in its JSON answer (20 MB with long reasons), so bundles get 64 MiB; a quota page (at most
 * 5,000 uses of ~150 bytes) 4 MiB; an ack 1 MiB; enrolment and any error 64 KiB.
 */
export const MAX_ANSWER_BYTES = { enrol: 64 * 1024, upload: 1024 * 1024, bundles: 64 * 1024 * 1024, quota: 4 * 1024 * 1024, error: 64 * 1024 } as const;

/** The body of `response` as text, or undefined once it is over `maxBytes` (the rest is not read). */
async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.body === null) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The words, the code and the hub's clock of an error answer (the hub sends {error, message, hubTime}). */
const errorBody = (text: string): { message: string | undefined; hubCode: string | null; hubMessage: string | null; hubTime: number | null } => {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown; code?: unknown; hubTime?: unknown };
    const parts = [body.code, body.error, body.message].filter((p): p is string => typeof p === 'string');
    const hubTime = typeof body.hubTime === 'number' && Number.isFinite(body.hubTime) ? body.hubTime : null;
    const hubCode = [body.code, body.error].find((p): p is string => typeof p === 'string');
    return {
      message: parts.length > 0 ? [...new Set(parts)].join(': ') : undefined,
      hubCode: hubCode === undefined ? null : clip(hubCode, 100),
      hubMessage: typeof body.message === 'string' ? clip(body.message, 300) : null,
      hubTime,
    };
  } catch {
    const words = text.trim().slice(0, 200);
    return { message: words || undefined, hubCode: null, hubMessage: words === '' ? null : words, hubTime: null };
  }
};

/** Clock corrections smaller than this do not justify a second attempt (the hub allows 60 s: hub/terminals/terminal-auth.ts). */
const RETRY_SKEW_MS = 30_000;

function kindOf(status: number, message: string): HubErrorKind {
  if (status === 502 || status === 503 || status === 504) return 'offline';
  if (status === 401) return 'unauthorized';
  if (status === 403 && /disabl/i.test(message)) return 'disabled';
  return 'refused';
}

/** The sync state's notice for an error answer of the hub. */
function answerNotice(kind: HubErrorKind, status: number, body: { hubCode: string | null; hubMessage: string | null }): SyncNotice {
  switch (kind) {
    case 'offline':
      return { code: 'HUB_UNAVAILABLE', status };
    case 'unauthorized':
      return { code: 'HUB_UNAUTHORIZED', hubCode: body.hubCode, hubMessage: body.hubMessage };
    case 'disabled':
      return { code: 'TERMINAL_DISABLED', hubMessage: body.hubMessage };
    default:
      return { code: 'HUB_REFUSED', status, hubCode: body.hubCode, hubMessage: body.hubMessage };
  }
}

const dateHeader = (response: Response): number | null => {
  const value = response.headers.get('date');
  const ms = value === null ? NaN : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
};

/** The terminal's side of shared/sync/sync-protocol.ts over fetch, with timeouts; never throws. */
export class HubClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HubClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** POST /v1/enrol with the one-time code and the fresh public key. */
  enrol(request: EnrolRequest): Promise<Result<HubReply<z.infer<typeof enrolResponseSchema>>, HubError>> {
    return this.call({ method: 'POST', path: SYNC_PATHS.enrol, schema: enrolResponseSchema, json: request, auth: false, maxBytes: MAX_ANSWER_BYTES.enrol });
  }

  /** GET /v1/enrol/trust (public): the hub's newest signed trust list, which a terminal enrolling by QR checks against the QR's thumbprint. */
  enrolTrust(thumbprint: string): Promise<Result<HubReply<z.infer<typeof enrolTrustResponseSchema>>, HubError>> {
    return this.call({ method: 'GET', path: SYNC_PATHS.enrolTrust, query: { key: thumbprint }, schema: enrolTrustResponseSchema, auth: false, maxBytes: 4 * 1024 * 1024 });
  }

  /** POST /v1/audit with one signed batch; the answer is the hub's cursor. */
  upload(batchJws: string): Promise<Result<HubReply<z.infer<typeof uploadAckSchema>>, HubError>> {
    return this.call({ method: 'POST', path: SYNC_PATHS.upload, schema: uploadAckSchema, jws: batchJws, auth: true, maxBytes: MAX_ANSWER_BYTES.upload });
  }

  /** GET /v1/bundles: what changed since what this terminal holds. */
  bundles(held: HeldVersions): Promise<Result<HubReply<z.infer<typeof bundlesResponseSchema>>, HubError>> {
    const query = {
      revocations: held.revocations.map((r) => `${r.iss}:${r.seq}`).join(','),
      rules: String(held.rules),
      trust: String(held.trust),
      ...(held.pendingUploads === undefined ? {} : { pending: String(Math.min(Math.max(0, Math.trunc(held.pendingUploads)), PENDING_UPLOADS_MAX)) }),
    };
    const timeoutMs = this.options.downloadTimeoutMs ?? 120_000;
    return this.call({ method: 'GET', path: SYNC_PATHS.bundles, schema: bundlesResponseSchema, query, auth: true, timeoutMs, maxBytes: MAX_ANSWER_BYTES.bundles });
  }

  /** GET /v1/quota?since=CURSOR&voided=1: other terminals' uses of quota'd services, and the uses voided since (README "Quotas across venues"). */
  quota(since: number): Promise<Result<HubReply<z.infer<typeof quotaResponseSchema>>, HubError>> {
    return this.call({ method: 'GET', path: SYNC_PATHS.quota, schema: quotaResponseSchema, query: { since: String(since), voided: '1' }, auth: true, maxBytes: MAX_ANSWER_BYTES.quota });
  }

  private async call<S extends z.ZodType>(c: Call<S>): Promise<Result<HubReply<z.output<S>>, HubError>> {
    const first = await this.once(c);
    const { error } = first.result.ok ? { error: undefined } : first.result;
    if (error?.kind !== 'unauthorized' || error.hubTimeMs === null || this.options.onHubClock === undefined) return first.result;
    if (Math.abs(error.hubTimeMs - first.localMs - this.options.hubOffsetMs()) <= RETRY_SKEW_MS) return first.result;
    this.options.onHubClock(error.hubTimeMs, first.localMs);
    return (await this.once(c)).result;
  }

  private async once<S extends z.ZodType>(c: Call<S>): Promise<{ result: Result<HubReply<z.output<S>>, HubError>; localMs: number }> {
    const url = new URL(this.baseUrl + c.path);
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (c.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(c.json);
    } else if (c.jws !== undefined) {
      headers['content-type'] = JWS_CONTENT_TYPE;
      body = c.jws;
    }
    const start = this.options.clock();
    const done = (result: Result<HubReply<z.output<S>>, HubError>, localMs = start) => ({ result, localMs });
    const checked = checkHubUrl(this.baseUrl, this.options.allowInsecureHttp === true);
    if (!checked.ok) return done(err({ kind: 'refused', status: null, message: checked.error.message, notice: { code: 'HUB_URL_REFUSED', reason: checked.error.code }, hubTimeMs: null }));
    if (c.auth) {
      if (this.options.signer === undefined) return done(err({ kind: 'unauthorized', status: null, message: 'not enrolled', notice: { code: 'NOT_ENROLLED' }, hubTimeMs: null }));
      headers.authorization = this.options.signer.authorization(start + this.options.hubOffsetMs(), { method: c.method, target: url.pathname + url.search, body });
    }
    let response: Response;
    let text: string | undefined;
    try {
      const timeout = AbortSignal.timeout(c.timeoutMs ?? this.options.timeoutMs ?? 15_000);
      const signal = this.options.signal === undefined ? timeout : AbortSignal.any([timeout, this.options.signal]);
      response = await this.fetchImpl(url, { method: c.method, headers, ...(body === undefined ? {} : { body }), signal, redirect: 'error' });
      text = await readCapped(response, response.ok ? c.maxBytes : MAX_ANSWER_BYTES.error);
    } catch (e) {
      const cause = describeFetchError(e);
      const notice: SyncNotice = cause === 'timed out' ? { code: 'HUB_TIMEOUT' } : { code: 'HUB_UNREACHABLE', cause: systemCode(e) };
      return done(err({ kind: 'offline', status: null, message: `hub unreachable: ${cause}`, notice, hubTimeMs: null }));
    }
    const localMs = Math.round((start + this.options.clock()) / 2);
    const headerTime = dateHeader(response);
    if (text === undefined) {
      const cap = response.ok ? c.maxBytes : MAX_ANSWER_BYTES.error;
      return done(err({ kind: 'invalid-response', status: response.status, message: `hub answer larger than ${cap} bytes: not read`, notice: { code: 'HUB_ANSWER_TOO_LARGE', maxBytes: cap }, hubTimeMs: headerTime }), localMs);
    }
    if (!response.ok) {
      const body = errorBody(text);
      const message = body.message ?? `HTTP ${response.status}`;
      const kind = kindOf(response.status, message);
      const notice = answerNotice(kind, response.status, body);
      return done(err({ kind, status: response.status, message: `hub answered ${response.status}: ${message}`, notice, hubTimeMs: body.hubTime ?? headerTime }), localMs);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return done(err({ kind: 'invalid-response', status: response.status, message: 'hub answer is not JSON', notice: { code: 'HUB_ANSWER_NOT_JSON', status: response.status }, hubTimeMs: headerTime }), localMs);
    }
    const parsed = c.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue ? issue.path.join('.') || '(root)' : '(root)';
      const where = issue ? `${path}: ${issue.message}` : 'invalid';
      const notice: SyncNotice = { code: 'HUB_ANSWER_UNEXPECTED', status: response.status, path: clip(path, 200) };
      return done(err({ kind: 'invalid-response', status: response.status, message: `unexpected hub answer (${where})`, notice, hubTimeMs: headerTime }), localMs);
    }
    const value = parsed.data;
    const bodyTime = (value as { hubTime?: unknown }).hubTime;
    return done(ok({ value, hubTimeMs: typeof bodyTime === 'number' ? bodyTime : headerTime, localMs }), localMs);
  }
}

/** The system's code of a failed fetch (ECONNREFUSED, ENOTFOUND…), null when it has none (its words are English). */
function systemCode(e: unknown): string | null {
  const code = (e as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(code) ? code : null;
}

function describeFetchError(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
    const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (cause && typeof cause.code === 'string') return cause.code;
    if (cause && typeof cause.message === 'string') return cause.message;
    return e.message;
  }
  return String(e);
}
