/** Longest token or bundle text accepted for a card scan (§4: refused before parsing). */
export const MAX_CARD_TOKEN_LENGTH = 4096;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON object as decoded from a token part. */
export type JsonObject = Record<string, unknown>;

/** The three parts of a compact JWS, with header and payload decoded but nothing verified. */
export interface CompactJwt {
  header: JsonObject;
  payload: JsonObject;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  signature: string;
}

/** Decodes one base64url part strictly (no padding, no foreign characters); undefined when it is not base64url. */
export function decodeBase64Url(part: string): Uint8Array | undefined {
  if (!BASE64URL.test(part) || part.length % 4 === 1) return undefined;
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function decodeJsonObject(part: string): JsonObject | undefined {
  const bytes = decodeBase64Url(part);
  if (bytes === undefined || bytes.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Splits and decodes a compact JWT without verifying it. Undefined means MALFORMED (§6
 * group 1): not three base64url parts, or header or payload not a JSON object. An empty
 * signature part is not malformed; the signature check refuses it.
 */
export function parseCompactJwt(token: string, maxLength = MAX_CARD_TOKEN_LENGTH): CompactJwt | undefined {
  if (token.length > maxLength) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  if (!BASE64URL.test(s) || s.length % 4 === 1) return undefined;
  const header = decodeJsonObject(h);
  if (header === undefined) return undefined;
  const payload = decodeJsonObject(p);
  if (payload === undefined) return undefined;
  return { header, payload, signingInput: `${h}.${p}`, signature: s };
}

/** Characters of an untrusted field a message shows, at most. */
const FIELD_TEXT_MAX = 64;

/**
 * A header or claim field from an unverified JWT, as text for a refusal's message: a string as
 * it is, anything else as JSON, control characters shown as '?' (a crafted field must not
 * start a new line in a log or a terminal), cut to FIELD_TEXT_MAX characters. Never throws:
 * `String()` of parsed JSON can (an array holding `{"toString": false}` has no string form),
 * and a refusal must stay a refusal.
 */
export function fieldText(value: unknown): string {
  const raw = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
  const text = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return text.length > FIELD_TEXT_MAX ? `${text.slice(0, FIELD_TEXT_MAX)}…` : text;
}
