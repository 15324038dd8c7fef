import { BUREAU_ISS, keyMaySign, trustPayloadSchema, type PublicJwk, type TrustedIssuer } from '../../../shared/bundles/bundle-schemas.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { enrolAckPayloadSchema, type EnrolAckPayload } from '../../../shared/sync/enrol-ack.js';
import type { TrustCheckProblem } from '../../../shared/sync/enrol-qr.js';
import { parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import { verifyCompactEs256 } from '../../../node/crypto/es256-verify.js';
import { jwkThumbprint } from '../../../node/crypto/jwk-thumbprint.js';
import { publicKeyFromJwk } from '../../../node/crypto/keys.js';

export type { TrustCheckProblem };

/** A trust list checked against the QR: what `jinka init --trust` would take, with its version. */
export interface CheckedTrust {
  issuers: TrustedIssuer[];
  version: number;
  kid: string;
}

/** Largest trust bundle looked at (the hub's answer cap is above it). */
const MAX_TRUST_CHARS = 256 * 1024;

/** The bureau key among `issuers` whose RFC 7638 thumbprint is `thumbprint`, if any. */
export function bureauKeyWithThumbprint(issuers: readonly TrustedIssuer[], thumbprint: string): PublicJwk | undefined {
  return issuers.find((i) => i.iss === BUREAU_ISS)?.keys.find((k) => jwkThumbprint(k) === thumbprint);
}

/**
 * Checks a `jinka/trust` bundle a terminal that trusts nobody yet fetched over the network:
 * the bureau key with the QR's thumbprint must be in the list, may sign trust (§5), be the one
 * its header names, and have signed it. The thumbprint is what makes this safe: the QR came
 * from the bureau (printed, or shown on its console), so a hub that is not the bureau's —
 * a forged QR, a hostile network answering for the hub — cannot produce a list this accepts.
 */
export function checkTrustBundle(jws: string, thumbprint: string): Result<CheckedTrust, TrustCheckProblem> {
  const jwt = parseCompactJwt(jws, MAX_TRUST_CHARS);
  const payload = trustPayloadSchema.safeParse(jwt?.payload);
  if (jwt === undefined || !payload.success) return err('NOT_TRUST_BUNDLE');
  const key = bureauKeyWithThumbprint(payload.data.issuers, thumbprint);
  if (key === undefined) return err('NO_SUCH_KEY');
  if (!keyMaySign(key, 'trust')) return err('KEY_MAY_NOT_SIGN_TRUST');
  if (jwt.header.kid !== key.kid || verifyCompactEs256(jws, publicKeyFromJwk(key)) === undefined) return err('NOT_SIGNED_BY_KEY');
  return ok({ issuers: payload.data.issuers, version: payload.data.version, kid: key.kid });
}

/**
 * Checks the chain GET /v1/enrol/trust answers: its first bundle against the QR's thumbprint
 * (`checkTrustBundle`), then each later one as a held terminal would take it (§5): version one
 * above the last, signed by a bureau key the version before lists for trust. The newest list
 * and its version are what the terminal pins; nothing is kept before all of them checked.
 * With `minVersion` (the QR's `jinka_trust_min_version`), a chain whose newest version is below
 * it is refused (`ROLLED_BACK`): a hub impersonated behind a genuine QR could otherwise serve
 * an older genuine version, one that still lists a key the bureau has since removed (a forged
 * QR chooses its own minimum: against that, `checkEnrolAck`).
 */
export function checkTrustChain(chain: readonly string[], thumbprint: string, minVersion?: number): Result<CheckedTrust, TrustCheckProblem> {
  const [first, ...rest] = chain;
  if (first === undefined) return err('NOT_TRUST_BUNDLE');
  const anchor = checkTrustBundle(first, thumbprint);
  if (!anchor.ok) return anchor;
  let held = anchor.value;
  for (const jws of rest) {
    const jwt = parseCompactJwt(jws, MAX_TRUST_CHARS);
    const payload = trustPayloadSchema.safeParse(jwt?.payload);
    if (jwt === undefined || !payload.success || payload.data.version !== held.version + 1) return err('BROKEN_CHAIN');
    const kid = jwt.header.kid;
    const key = held.issuers.find((i) => i.iss === BUREAU_ISS)?.keys.find((k) => k.kid === kid && keyMaySign(k, 'trust'));
    if (key === undefined || verifyCompactEs256(jws, publicKeyFromJwk(key)) === undefined) return err('BROKEN_CHAIN');
    held = { issuers: payload.data.issuers, version: payload.data.version, kid: key.kid };
  }
  if (minVersion !== undefined && held.version < minVersion) return err('ROLLED_BACK');
  return ok(held);
}

/** What the hub's signed enrolment answer must say (shared/sync/enrol-ack.ts). */
export interface ExpectedAck {
  terminalId: string;
  /** RFC 7638 thumbprint of the key this terminal enrolled with. */
  jkt: string;
  site: string;
  service: string;
}

/**
 * Checks the hub's signed enrolment answer against the trust list just checked: signed by a
 * bureau key that list gives usage `list`, naming this terminal, its key, the site and service
 * answered, and a trust version in force no newer than the one to be pinned. A hub that only
 * replays the bureau's public lists has no key to sign one (`NOT_ACKED`); one that relays to
 * the real hub gets the version in force named (`ROLLED_BACK` when the chain it served ends
 * below it).
 */
export function checkEnrolAck(ack: string | undefined, trust: CheckedTrust, expected: ExpectedAck): Result<EnrolAckPayload, TrustCheckProblem> {
  const jwt = ack === undefined ? undefined : parseCompactJwt(ack, 8192);
  if (ack === undefined || jwt === undefined || jwt.header.alg !== 'ES256') return err('NOT_ACKED');
  const key = trust.issuers.find((i) => i.iss === BUREAU_ISS)?.keys.find((k) => k.kid === jwt.header.kid && keyMaySign(k, 'list'));
  if (key === undefined || verifyCompactEs256(ack, publicKeyFromJwk(key)) === undefined) return err('NOT_ACKED');
  const payload = enrolAckPayloadSchema.safeParse(jwt.payload);
  if (!payload.success) return err('NOT_ACKED');
  const p = payload.data;
  if (p.terminal !== expected.terminalId || p.jkt !== expected.jkt || p.site !== expected.site || p.service !== expected.service) return err('NOT_ACKED');
  if (p.trust_version > trust.version) return err('ROLLED_BACK');
  return ok(p);
}
