import { z } from 'zod';
import { numericDateSchema } from '../time/numeric-date.js';
import { rulesSchema } from '../rules/rules-schema.js';

/** The bureau's issuer id: only it signs rules and trust bundles (§5). */
export const BUREAU_ISS = 'lc-hrss';

const numericDate = numericDateSchema;
const b64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');
const counter = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** What a trusted key may sign (§5 "Key usage"): card tokens, revocation lists and rules, trust bundles. */
export const KEY_USES = ['card', 'list', 'trust'] as const;
/** One key usage. */
export type KeyUse = (typeof KEY_USES)[number];

/** A P-256 public key as a JWK (§5). */
export const publicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: b64url,
  y: b64url,
  kid: z.string().min(1).max(128),
  alg: z.literal('ES256').optional(),
  /** §5: what the key may sign; a key without it may sign all three (hand-made provisioning files). */
  jinka_use: z.array(z.enum(KEY_USES)).min(1).max(KEY_USES.length).optional(),
});
/** A trusted public key. */
export type PublicJwk = z.infer<typeof publicJwkSchema>;

/** True when the key may sign this kind of thing (§5: no `jinka_use` means every usage). */
export function keyMaySign(jwk: Pick<PublicJwk, 'jinka_use'>, use: KeyUse): boolean {
  return jwk.jinka_use === undefined || jwk.jinka_use.includes(use);
}

/**
 * Compatible extension of §5: an issuer's counters reset by the bureau after a leaked key
 * was dropped. A terminal applies it once, when it imports the trust version whose `epoch`
 * is higher than the one it held: it forgets the issuer's held revocation sequence (the
 * revoked cards stay until the next full list replaces them) and, for the bureau, the rules
 * in force; from then on it takes that issuer's next full list from `revocations_from` and
 * the next rules from `rules_from`, whatever a leaked key had pushed its counters to.
 */
export const issuerResetSchema = z.strictObject({
  epoch: counter,
  revocations_from: counter.optional(),
  rules_from: counter.optional(),
});
/** An issuer's counter reset. */
export type IssuerReset = z.infer<typeof issuerResetSchema>;

/** One trusted issuer and its keys. */
export const issuerSchema = z.object({
  iss: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  keys: z.array(publicJwkSchema).min(1),
  reset: issuerResetSchema.optional(),
});
/** A trusted issuer. */
export type TrustedIssuer = z.infer<typeof issuerSchema>;

const issuerList = z
  .array(issuerSchema)
  .min(1)
  .superRefine((issuers, ctx) => {
    const seen = new Set<string>();
    for (const issuer of issuers) {
      if (seen.has(issuer.iss)) ctx.addIssue({ code: 'custom', message: `issuer ${issuer.iss} listed twice` });
      seen.add(issuer.iss);
      const kids = new Set(issuer.keys.map((k) => k.kid));
      if (kids.size !== issuer.keys.length) ctx.addIssue({ code: 'custom', message: `issuer ${issuer.iss}: duplicate kid` });
    }
  });

/**
 * The plain trust file, accepted only for first provisioning (§5). Compatible extension:
 * `version`, the trust version the list is (the hub writes it), so the next signed trust
 * bundle the terminal takes is version + 1; a file without it counts as version 0.
 */
export const trustFileSchema = z.object({ issuers: issuerList, version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() });
/** A trust file. */
export type TrustFile = z.infer<typeof trustFileSchema>;

/** One revoked card in a revocation bundle; `at` and `reason` are for display. */
export const revokedEntrySchema = z.object({
  sub: z.string().min(1).max(128),
  at: z.union([numericDate, z.string().max(64)]).optional(),
  reason: z.string().max(500).optional(),
});

/** `jinka/revocations` payload: full list (base 0) or delta on top of sequence `base`. */
export const revocationsPayloadSchema = z.object({
  iss: z.string().min(1),
  typ: z.literal('jinka/revocations'),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  base: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  iat: numericDate,
  revoked: z.array(revokedEntrySchema),
});
/** A revocation bundle's payload. */
export type RevocationsPayload = z.infer<typeof revocationsPayloadSchema>;

/** `jinka/rules` payload: the whole rule set, signed by the bureau. */
export const rulesPayloadSchema = z.object({
  iss: z.literal(BUREAU_ISS),
  typ: z.literal('jinka/rules'),
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  iat: numericDate,
  rules: rulesSchema,
});
/** A rules bundle's payload. */
export type RulesPayload = z.infer<typeof rulesPayloadSchema>;

/** `jinka/trust` payload: the new trust list; it must keep a bureau key (§5). */
export const trustPayloadSchema = z.object({
  iss: z.literal(BUREAU_ISS),
  typ: z.literal('jinka/trust'),
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  iat: numericDate,
  issuers: issuerList,
});
/** A trust bundle's payload. */
export type TrustPayload = z.infer<typeof trustPayloadSchema>;

/** §5 "Bounded steps": how far one rules bundle may move the held version. */
export const MAX_RULES_STEP = 100;
/** §5 "Bounded steps": how far one revocation list may move the held sequence. */
export const MAX_REVOCATION_STEP = 100_000;

/** Bundle kinds by their `typ`. */
export const BUNDLE_TYPES = ['jinka/revocations', 'jinka/rules', 'jinka/trust'] as const;
/** A bundle kind. */
export type BundleType = (typeof BUNDLE_TYPES)[number];
