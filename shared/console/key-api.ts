import { z } from 'zod';
import { KEY_USES } from '../bundles/bundle-schemas.js';

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
