import { z } from 'zod';
import { publicJwkSchema } from '../bundles/bundle-schemas.js';
import { terminalIdSchema } from '../terminal-id.js';

/**
 * The terminal ⇄ hub protocol (HTTP, JSON). Every route but enrolment is authenticated by
 * a short-lived ES256 JWT signed with the terminal's own key (header
 * `Authorization: Jinka-Terminal <jwt>`, claims `requestTokenClaimsSchema`: one request
 * only, bound to its method, path and body, used once).
 * Times are UTC milliseconds; `hubTime` lets the terminal measure list age in hub time.
 */
export const SYNC_PATHS = {
  enrol: '/v1/enrol',
  /** Public: the hub's newest signed trust list, for a terminal enrolling by QR (README "One scan to set up a terminal"). */
  enrolTrust: '/v1/enrol/trust',
  upload: '/v1/audit',
  bundles: '/v1/bundles',
  quota: '/v1/quota',
} as const;

/** Longest life of a request token (exp − iat), seconds; the terminal dates it in the hub's clock as it measured it. */
export const REQUEST_TOKEN_SECONDS = 120;

/**
 * Claims of the request token. `jti` is a fresh random id (the hub takes each once), `htm`
 * the method, `htu` the request target exactly as sent (path and query), `bh` the
 * base64url SHA-256 of the body bytes (of nothing for a GET), as in RFC 9449's DPoP proofs.
 */
export const requestTokenClaimsSchema = z.object({
  sub: z.string().min(1).max(32),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  htm: z.enum(['GET', 'POST']),
  htu: z.string().min(1).max(4096),
  bh: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
/** A request token's claims. */
export type RequestTokenClaims = z.infer<typeof requestTokenClaimsSchema>;

/**
 * POST /v1/enrol: a one-time code from the bureau, and the terminal's freshly made public key.
 * Compatible extension: `site` and `service` may be left out — the code binds both, so the
 * hub takes the code's (a service sent must still be the code's).
 */
export const enrolRequestSchema = z.strictObject({
  code: z.string().min(6).max(64),
  terminalId: terminalIdSchema,
  site: z.string().min(1).max(100).optional(),
  service: z.string().min(1).max(32).optional(),
  publicJwk: publicJwkSchema,
  /** Compatible extension: ask for the signed enrolment answer (shared/sync/enrol-ack.ts). */
  ack: z.literal(true).optional(),
});
/** Enrolment request. */
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/**
 * Enrolment answer. Compatible extension: to a request that left out its site or service the
 * hub adds the site and service the terminal is registered for (the code's); a request that
 * sent both, as an older terminal does, gets the two fields of old, which its strict schema takes.
 */
export const enrolResponseSchema = z.strictObject({
  terminalId: z.string(),
  hubTime: z.number().int(),
  site: z.string().min(1).max(100).optional(),
  service: z.string().min(1).max(32).optional(),
  /** Only to a request with `ack: true`: the signed enrolment answer (shared/sync/enrol-ack.ts). */
  ack: z.string().min(1).max(8192).optional(),
});

/**
 * GET /v1/enrol/trust?key=THUMBPRINT: the hub's `jinka/trust` bundles (§5) from the newest one
 * signed by the bureau key with that RFC 7638 thumbprint and listing it for trust (the anchor a
 * new terminal checks against its QR) up to the newest, oldest first; each after the anchor is
 * signed by a trust key of the one before it, as a held terminal takes them. Without `key`, the
 * newest such anchor whose key has not been declared leaked.
 */
export const enrolTrustResponseSchema = z.strictObject({ hubTime: z.number().int(), chain: z.array(z.string().min(1).max(256 * 1024)).min(1).max(1000) });

/** One audit-log entry as uploaded: the hub re-checks every hash and the chain's continuity. */
export const auditEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  at_ms: z.number().int(),
  // A kind is a word the terminal writes; it is stored as text, where PostgreSQL refuses U+0000.
  kind: z
    .string()
    .min(1)
    .max(32)
    .refine((k) => !/\p{Cc}/u.test(k), { message: 'no control characters' }),
  body: z.string().max(16_384),
  prev_hash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
/** An uploaded audit entry. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * POST /v1/audit body: a JWS signed by the terminal's key whose payload is an upload batch.
 * The terminal's upload queue is its audit log past the hub's acknowledged cursor; uses are
 * the `use` entries. Re-sending a batch is harmless: the hub keeps each (terminal, seq) once.
 */
export const uploadBatchSchema = z.strictObject({
  typ: z.literal('jinka/audit-batch'),
  terminal: z.string().min(1).max(32),
  iat: z.number().int(),
  entries: z.array(auditEntrySchema).max(5000),
});
/** An upload batch (the signed payload). */
export type UploadBatch = z.infer<typeof uploadBatchSchema>;

/** The hub's acknowledgement: every entry up to `cursor` is stored. */
export const uploadAckSchema = z.strictObject({
  cursor: z.number().int().min(0),
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  hubTime: z.number().int(),
  /** Problems the hub noted (chain break, over quota); stored for the bureau, never a refusal. */
  flags: z.array(z.string()).default([]),
});
/** Upload acknowledgement. */
export type UploadAck = z.infer<typeof uploadAckSchema>;

/**
 * Compatible extension of GET /v1/bundles (README "Sync with the hub", Bundles):
 * `pending=N`, the audit entries the terminal holds that the hub has not acknowledged, counted
 * when it asks, for the console's terminal list. A terminal says at most this many (it clamps);
 * the hub ignores anything but plain digits up to it (keeping the figure before, and answering
 * the bundles all the same), and an older hub ignores the parameter.
 */
export const PENDING_UPLOADS_MAX = 10_000_000;

/** The `pending` query parameter as the hub reads it (absent: the terminal did not say). */
export const pendingUploadsQuerySchema = z.object({
  pending: z
    .string()
    .regex(/^\d{1,8}$/, 'pending: a count of entries, plain digits')
    .transform(Number)
    .pipe(z.number().int().min(0).max(PENDING_UPLOADS_MAX))
    .optional(),
});

/** GET /v1/bundles?revocations=iss:seq,…&rules=V&trust=V — what changed since what the terminal holds. */
export const bundlesResponseSchema = z.strictObject({
  hubTime: z.number().int(),
  /** Signed bundles (§5) to import in order: deltas on top of the held sequence, or full lists. */
  bundles: z.array(z.string()),
});

/**
 * A use recorded at another terminal, for quotas across venues. Extension (README "Quotas
 * across venues"): a terminal that asks `GET /v1/quota?since=C&voided=1` is also sent each use
 * voided since C (gate mode: the gate never opened) as the same item with `voided: true`, at a
 * cursor above every earlier one, so a reader that holds the use drops it and never skips one.
 * A terminal that does not ask is sent no voided item (its strict schema would refuse the page).
 */
export const remoteUseSchema = z.strictObject({
  id: z.string().min(1).max(64),
  iss: z.string(),
  sub: z.string(),
  service: z.string(),
  beneficiary: z.string(),
  at: z.number().int(),
  voided: z.literal(true).optional(),
});
/** A use from another venue. */
export type RemoteUse = z.infer<typeof remoteUseSchema>;

/** GET /v1/quota?since=CURSOR — uses of quota'd services recorded at other terminals since the cursor. */
export const quotaResponseSchema = z.strictObject({
  hubTime: z.number().int(),
  cursor: z.number().int().min(0),
  uses: z.array(remoteUseSchema),
  more: z.boolean(),
});
