import fc from 'fast-check';
import { expect } from 'vitest';
import type { Decision } from '../../shared/decision/decision-types.js';
import { REASON_CODES, WARNING_CODES } from '../../shared/reason-codes.js';
import { RELATIONS, type Companions } from '../../shared/relations.js';
import { DEFAULT_RULES } from '../../shared/rules/default-rules.js';
import { decodeBase64Url } from '../../shared/token/compact-jwt.js';

/** Every service id of the built-in catalogue (§2). */
export const SERVICE_IDS: readonly string[] = DEFAULT_RULES.services.map((s) => s.id);

/** base64url of text or bytes, without padding. */
export const b64url = (data: string | Uint8Array): string => Buffer.from(data).toString('base64url');

/** Base64url alphabet. */
const B64URL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');

/** A string over the base64url alphabet, possibly with a length no decoder accepts. */
export const base64UrlText = (maxLength = 120): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...B64URL_CHARS), maxLength });

/** A service of the catalogue (the caller checks the id before a card is evaluated). */
export const serviceArb: fc.Arbitrary<string> = fc.constantFrom(...SERVICE_IDS);

/** Companions with relations of §2 and small counts, sometimes over the limits. */
export const companionsArb: fc.Arbitrary<Companions> = fc.dictionary(fc.constantFrom(...RELATIONS), fc.nat(5), { maxKeys: 5 });

/** An evaluation instant between 2000 and 2100. */
export const instantArb: fc.Arbitrary<number> = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });

/**
 * Checks the §7 shape of a decision: accept with no reasons, or reject with exactly one
 * code of §6; warnings are warning codes; card is null or the six claims; quota null or figures.
 */
export function expectWellFormedDecision(decision: Decision, service: string): void {
  expect(['accept', 'reject']).toContain(decision.decision);
  expect(decision.service).toBe(service);
  if (decision.decision === 'accept') expect(decision.reasons).toEqual([]);
  else expect(decision.reasons).toHaveLength(1);
  for (const reason of decision.reasons) expect(REASON_CODES).toContain(reason);
  for (const warning of decision.warnings) expect(WARNING_CODES).toContain(warning);
  if (decision.card !== null) expect(Object.keys(decision.card).sort()).toEqual(['cat', 'idt', 'iss', 'name', 'sub', 'tier']);
  if (decision.quota !== null) {
    expect(Number.isInteger(decision.quota.limit)).toBe(true);
    expect(decision.quota.remaining).toBeGreaterThanOrEqual(0);
  }
}

/** The three parts of a compact token (more or fewer when it is not one). */
export const splitToken = (token: string): string[] => token.split('.');

/** Decoded bytes of a base64url part, or undefined when it is not base64url. */
export function partBytes(part: string | undefined): Buffer | undefined {
  if (part === undefined) return undefined;
  const bytes = decodeBase64Url(part);
  return bytes === undefined ? undefined : Buffer.from(bytes);
}

/**
 * True when `candidate` is `original` as far as a verifier can tell: the same signed text
 * (`header.payload`, compared as characters because that is what the signature covers) and
 * the same signature bytes. A base64url signature has spare low bits in its last character
 * (86 characters carry 64 bytes), so two spellings of one signature are the same signature.
 */
export function sameSignedToken(candidate: string, original: string): boolean {
  const c = splitToken(candidate);
  const o = splitToken(original);
  if (c.length !== 3 || c[0] !== o[0] || c[1] !== o[1]) return false;
  const cs = partBytes(c[2]);
  const os = partBytes(o[2]);
  return cs !== undefined && os !== undefined && cs.equals(os);
}

/** Flips one bit of one character (kept in 7-bit ASCII). */
export const flipCharBit = (text: string, index: number, bit: number): string => {
  if (text.length === 0) return text;
  const i = index % text.length;
  return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << (bit % 7))) + text.slice(i + 1);
};

/** Flips bits of the decoded bytes of part `p` and re-encodes it canonically. */
export const flipPartBytes = (token: string, p: number, flips: readonly [number, number][]): string => {
  const parts = splitToken(token);
  const bytes = partBytes(parts[p]);
  if (bytes === undefined || bytes.length === 0) return token;
  for (const [index, bit] of flips) bytes[index % bytes.length]! ^= 1 << (bit % 8);
  parts[p] = b64url(bytes);
  return parts.join('.');
};

/** The decoded JSON of a part (header or payload of a valid token). */
export const partJson = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** Replaces part `p` with the base64url of `json` serialized. */
export const withPartJson = (token: string, p: number, json: unknown): string => {
  const parts = splitToken(token);
  parts[p] = b64url(JSON.stringify(json) ?? '');
  return parts.join('.');
};

/** `alg` values other than ES256: none, HMAC, other curves and families, near misses, non-strings. */
export const otherAlgArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('none', 'None', 'NONE', 'HS256', 'HS384', 'HS512', 'RS256', 'PS256', 'ES384', 'ES512', 'ES256K', 'EdDSA', 'es256', 'ES256 ', ' ES256', ''),
  fc.jsonValue().filter((v) => v !== 'ES256'),
);

/**
 * Structural mutations of a token string: each is a function of the original so one
 * generated value can be applied to any token.
 */
export const tokenMutationArb: fc.Arbitrary<{ name: string; apply: (token: string) => string }> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(6)).map(([index, bit]) => ({ name: `char-bit ${index}/${bit}`, apply: (t: string) => flipCharBit(t, index, bit) })),
  fc
    .tuple(fc.nat(2), fc.array(fc.tuple(fc.nat(), fc.nat(7)), { minLength: 1, maxLength: 4 }))
    .map(([p, flips]) => ({ name: `byte-bits part ${p} ${JSON.stringify(flips)}`, apply: (t: string) => flipPartBytes(t, p, flips) })),
  fc.nat().map((n) => ({ name: `truncate ${n}`, apply: (t: string) => t.slice(0, n % t.length) })),
  fc.nat().map((n) => ({ name: `drop char ${n}`, apply: (t: string) => t.slice(0, n % t.length) + t.slice((n % t.length) + 1) })),
  fc.tuple(fc.nat(), fc.constantFrom(...B64URL_CHARS, '.', '=', '+', '/', ' ', '\n', '\u00e9', '\u0000')).map(([n, c]) => ({
    name: `insert ${JSON.stringify(c)} at ${n}`,
    apply: (t: string) => t.slice(0, n % (t.length + 1)) + c + t.slice(n % (t.length + 1)),
  })),
  fc.constantFrom<[number, number, number]>([1, 0, 2], [0, 2, 1], [2, 1, 0], [1, 2, 0], [2, 0, 1], [0, 0, 2], [1, 1, 2], [0, 1, 1]).map((order) => ({
    name: `parts ${order.join('')}`,
    apply: (t: string) => {
      const parts = splitToken(t);
      return order.map((i) => parts[i] ?? '').join('.');
    },
  })),
  fc.nat(2).map((dot) => ({
    name: `dot doubled ${dot}`,
    apply: (t: string) => {
      const parts = splitToken(t);
      return dot === 2 ? `${t}.` : parts.slice(0, dot + 1).join('.') + '..' + parts.slice(dot + 1).join('.');
    },
  })),
  fc.constantFrom('', 'A', 'AAAA').map((sig) => ({
    name: `signature "${sig}"`,
    apply: (t: string) => splitToken(t).slice(0, 2).concat(sig).join('.'),
  })),
  fc.uint8Array({ minLength: 64, maxLength: 64 }).map((sig) => ({
    name: 'random 64-byte signature',
    apply: (t: string) => splitToken(t).slice(0, 2).concat(b64url(sig)).join('.'),
  })),
);
