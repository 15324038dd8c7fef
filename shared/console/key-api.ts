import { z } from 'zod';
import { KEY_USES } from '../bundles/bundle-schemas.js';
import { HIDDEN_OR_CONTROL } from '../clock/clock-reset.js';

/**
 * The console's keys and issuers (README "The bureau's console", Keys and issuers). Paths
 * relative to CONSOLE_API. Lists: every role. Rotate and retire: admin only; rotating asks for the
 * hub passphrase again (the new key is sealed under it, and a stolen session alone rotates nothing).
 */
export const KEY_PATHS = {
  /** GET → keyListResponse. */
  list: '/keys',
  /** POST rotateKeyRequest → rotateKeyResponse (201). */
  rotate: '/keys/rotate',
  /** POST (empty JSON object) → keyView. */
  retire: (kid: string) => `/keys/${encodeURIComponent(kid)}/retire`,
  /** GET → issuerListResponse. */
  issuers: '/issuers',
  /** POST issuerUploadRequest → issuerPreviewResponse (admin; nothing is published). */
  issuerPreview: '/issuers/preview',
  /** POST issuerRegisterRequest → issuerRegisterResponse (201; admin; publishes a trust version). */
  issuerRegister: '/issuers/register',
  /** POST relayUploadRequest → relayResponse (201; officer and admin; only adds revocations). */
  issuerRelay: '/issuers/relay',
} as const;

/**
 * A key's status: `current` signs cards and lists; `trust` signs trust versions; `published`
 * an older signing key kept in the trust list until the last card it signed expires; `unpublished`
 * an older key past that; `retired` taken out by staff; `compromised` declared leaked.
 */
export const keyStatusSchema = z.enum(['current', 'trust', 'published', 'unpublished', 'retired', 'compromised']);
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const keyViewSchema = z.strictObject({
  kid: z.string(),
  iss: z.string(),
  role: z.enum(['signing', 'trust']),
  status: keyStatusSchema,
  /** What the published trust list lets it sign (§5 "Key usage"); empty when not published. */
  usage: z.array(z.enum(KEY_USES)),
  /** RFC 7638 thumbprint of its public key (what an enrolment QR names for a trust key). */
  thumbprint: z.string(),
  createdAt: z.number().int(),
  /** Expiry of the last card it signed, ms (null: none). */
  lastCardExpiresAt: z.number().int().nullable(),
  retiredAt: z.number().int().nullable(),
  compromisedAt: z.number().int().nullable(),
  /** Whether `retire` would be accepted (not current, not the trust key in force, not retired). */
  retirable: z.boolean(),
});
export type KeyView = z.infer<typeof keyViewSchema>;

export const keyListResponseSchema = z.strictObject({
  keys: z.array(keyViewSchema),
  /** The trust version in force (0: none yet). */
  trustVersion: z.number().int(),
});
export type KeyListResponse = z.infer<typeof keyListResponseSchema>;

export const rotateKeyRequestSchema = z.strictObject({
  /** `signing`: a new current key for cards and lists; `trust`: a new trust key (the old one signs the next trust version). */
  role: z.enum(['signing', 'trust']),
  /** The hub passphrase (checked against a key the hub holds; never stored or logged). */
  passphrase: z.string().min(1).max(1024),
});
export type RotateKeyRequest = z.infer<typeof rotateKeyRequestSchema>;

export const rotateKeyResponseSchema = z.strictObject({
  key: keyViewSchema,
  /** The trust version the rotation published (null: the list did not change). */
  trustVersion: z.number().int().nullable(),
});
export type RotateKeyResponse = z.infer<typeof rotateKeyResponseSchema>;

export const keyIdParamsSchema = z.strictObject({ kid: z.string().min(1).max(64) });

/** Another issuer whose public keys the hub publishes (the province's Huicai card) and relays lists for. */
export const issuerViewSchema = z.strictObject({
  iss: z.string(),
  name: z.string(),
  keys: z.array(z.strictObject({ kid: z.string(), usage: z.array(z.enum(KEY_USES)) })),
  registeredAt: z.number().int().nullable(),
  /** The newest revocation sequence of theirs the hub relays (null: none relayed). */
  relayedSeq: z.number().int().nullable(),
});
export type IssuerView = z.infer<typeof issuerViewSchema>;

export const issuerListResponseSchema = z.strictObject({ issuers: z.array(issuerViewSchema) });
export type IssuerListResponse = z.infer<typeof issuerListResponseSchema>;

/** The largest keys file accepted from the console, in UTF-8 bytes (a handful of P-256 JWKs is under 2 KiB). */
export const ISSUER_KEYS_FILE_MAX_BYTES = 32 * 1024;
/** The largest revocation list relayed through the console (a bigger province-wide list: `jinka-hub issuer relay`). */
export const RELAY_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** How long an issuer preview token stays good. */
export const ISSUER_PREVIEW_TTL_MS = 30 * 60_000;

/** A foreign issuer's id as the trust list names it (`sd-hrss`): letters, digits, `.`, `_`, `-`. */
const issSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an issuer id is 1–64 letters, digits, “.”, “_” or “-”');

/** Register (or update the keys of) a foreign issuer: its id, display name, and the keys file as `jinka-hub issuer add --keys` reads it (a JWK, an array of JWKs, or a trust file). */
export const issuerUploadRequestSchema = z.strictObject({
  iss: issSchema,
  /** Shown on every terminal that meets the issuer's cards: one line, no hidden direction marks (a name that reads as another). */
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((n) => !HIDDEN_OR_CONTROL.test(n), 'no line breaks, control characters or direction marks'),
  /** The file's name (shown back, never trusted). */
  fileName: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(ISSUER_KEYS_FILE_MAX_BYTES),
});
export type IssuerUploadRequest = z.infer<typeof issuerUploadRequestSchema>;

/** One key of the previewed issuer against the trust list in force: `added`, `kept` (same kid and thumbprint) or `removed` (in force, not in the file). A kid whose key changed is one `removed` and one `added`. */
export const issuerKeyChangeSchema = z.strictObject({
  kid: z.string(),
  change: z.enum(['added', 'kept', 'removed']),
  usage: z.array(z.enum(KEY_USES)),
  /** RFC 7638 thumbprint: what the admin compares with the one the province gave by telephone or letter. */
  thumbprint: z.string(),
});
export type IssuerKeyChange = z.infer<typeof issuerKeyChangeSchema>;

export const issuerPreviewResponseSchema = z.strictObject({
  iss: z.string(),
  name: z.string(),
  /** The name in force (null: a new issuer). */
  nameBefore: z.string().nullable(),
  /** `new`: not in the trust list yet; `update`: its keys or name change; `unchanged`: confirming publishes nothing new. */
  change: z.enum(['new', 'update', 'unchanged']),
  keys: z.array(issuerKeyChangeSchema),
  /** The trust version in force the preview is against. */
  baseVersion: z.number().int(),
  /** SHA-256 of the uploaded text's UTF-8 bytes, hex. */
  sha256: z.string(),
  /** Good for `register` with exactly this iss, name and text, while the trust version stays `baseVersion`. */
  previewToken: z.string(),
  expiresAt: z.number().int(),
});
export type IssuerPreviewResponse = z.infer<typeof issuerPreviewResponseSchema>;

export const issuerRegisterRequestSchema = issuerUploadRequestSchema.extend({ previewToken: z.string().min(1).max(200) });
export type IssuerRegisterRequest = z.infer<typeof issuerRegisterRequestSchema>;

export const issuerRegisterResponseSchema = z.strictObject({
  iss: z.string(),
  /** The trust version published (null: the list did not change). */
  trustVersion: z.number().int().nullable(),
  thumbprints: z.array(z.string()),
});
export type IssuerRegisterResponse = z.infer<typeof issuerRegisterResponseSchema>;

/** A foreign issuer's signed revocation list (compact JWS), as `jinka-hub issuer relay FILE` reads it. */
export const relayUploadRequestSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(RELAY_FILE_MAX_BYTES),
});
export type RelayUploadRequest = z.infer<typeof relayUploadRequestSchema>;

export const relayResponseSchema = z.strictObject({ iss: z.string(), seq: z.number().int(), base: z.number().int() });
export type RelayResponse = z.infer<typeof relayResponseSchema>;
