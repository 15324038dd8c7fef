import { createHash, randomInt } from 'node:crypto';
import { z } from 'zod';
import { publicKeyFromJwk } from '../../node/crypto/keys.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { EnrolRequest } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../hub.js';
import { SERVICE_OF_CODE, type EnrolRefusal } from '../store/hub-store.js';
import { BUREAU_ISS, keyMaySign, trustPayloadSchema } from '../../shared/bundles/bundle-schemas.js';
import { enrolQrText } from '../../shared/sync/enrol-qr.js';
import { parseCompactJwt } from '../../shared/token/compact-jwt.js';
import { jwkThumbprint } from '../../node/crypto/jwk-thumbprint.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import { ENROL_ACK_TYP, enrolAckPayloadSchema } from '../../shared/sync/enrol-ack.js';
import { terminalKeysOf } from './terminal-auth.js';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Default lifetime of an enrolment code. */
export const ENROL_CODE_HOURS = 24;

/** `enrol-code` options, checked. */
export const enrolCodeOptionsSchema = z.strictObject({
  site: z.string().trim().min(1).max(100),
  service: z.string().trim().min(1).max(32),
  hours: z.number().positive().max(24 * 30).default(ENROL_CODE_HOURS),
});

/** Normalizes a typed code: no dashes or spaces, upper case. */
export const normalizeCode = (code: string): string => code.replace(/[\s-]/g, '').toUpperCase();

/** Only the SHA-256 of a code is stored: a copy of the database enrols nothing. */
export const hashCode = (code: string): string => createHash('sha256').update(normalizeCode(code)).digest('hex');

/**
 * Creates a one-time enrolment code for a terminal at a site and service (12 characters,
 * about 59 bits, shown as XXXX-XXXX-XXXX); it expires after `hours` and works once.
 */
export async function createEnrolCode(hub: Hub, options: z.input<typeof enrolCodeOptionsSchema>): Promise<{ code: string; expiresMs: number; site: string; service: string }> {
  const o = enrolCodeOptionsSchema.parse(options);
  const { rules } = await hub.rules();
  if (!rules.services.some((s) => s.id === o.service)) throw new Error(`unknown service "${o.service}" (the rules in force list ${rules.services.map((s) => s.id).join(', ')})`);
  const raw = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)] as string).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  const createdMs = hub.now();
  const expiresMs = createdMs + Math.round(o.hours * 3_600_000);
  await hub.store.terminals.addCode({ codeHash: hashCode(code), site: o.site, service: o.service, createdMs, expiresMs });
  return { code, expiresMs, site: o.site, service: o.service };
}

/** Why an enrolment failed: a code (HTTP statuses are mapped in hub/server/http-errors.ts) and the bureau's words. */
export interface EnrolError {
  code: EnrolRefusal | 'BAD_KEY';
  message: string;
}

/** Registers a terminal's own public key, site and service against a one-time code. */
export async function enrolTerminal(hub: Hub, request: EnrolRequest): Promise<Result<{ terminalId: string; site: string; service: string }, EnrolError>> {
  try {
    publicKeyFromJwk(request.publicJwk);
  } catch {
    return err({ code: 'BAD_KEY', message: 'publicJwk is not a usable P-256 public key' });
  }
  // The code binds the site and the service: a terminal that names neither takes the code's.
  const result = await hub.store.terminals.enrol(hashCode(request.code), {
    id: request.terminalId,
    site: request.site?.trim() ?? '',
    service: request.service?.trim() ?? SERVICE_OF_CODE,
    publicJwk: request.publicJwk,
    enrolledMs: hub.now(),
  });
  if (!result.ok) return err({ code: result.refusal, message: result.detail });
  // Its requests are authenticated from the in-memory key index from now on.
  terminalKeysOf(hub).keyOf({ id: request.terminalId, publicJwk: request.publicJwk });
  const stored = await hub.store.terminals.get(request.terminalId);
  if (stored === undefined) throw new Error(`terminal ${request.terminalId} was enrolled but cannot be read back`);
  return ok({ terminalId: request.terminalId, site: stored.site, service: stored.service });
}

/** The hub's trust list as a new terminal fetches it: the chain from an anchor the QR's thumbprint names to the newest version. */
export interface EnrolTrust {
  /** `jinka/trust` bundles, oldest first: the anchor, then each version after it. */
  chain: string[];
  /** RFC 7638 thumbprint of the anchor's signer. */
  thumbprint: string;
  /** The newest trust version (the last of `chain`): a QR carries it as `jinka_trust_min_version`. */
  version: number;
}

/** The thumbprint and kid of a trust version's signer when that version lists it for trust (an anchor a QR can name), else undefined. */
function anchorOf(jws: string, body: string): { thumbprint: string; kid: string } | undefined {
  const kid = parseCompactJwt(jws, 256 * 1024)?.header.kid;
  let issuers: unknown;
  try {
    issuers = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = trustPayloadSchema.shape.issuers.safeParse(issuers);
  if (typeof kid !== 'string' || !parsed.success) return undefined;
  const key = parsed.data.find((i) => i.iss === BUREAU_ISS)?.keys.find((k) => k.kid === kid && keyMaySign(k, 'trust'));
  return key === undefined ? undefined : { thumbprint: jwkThumbprint(key), kid };
}

/**
 * What a terminal enrolling by QR fetches (GET /v1/enrol/trust): the newest trust version signed
 * by a bureau key that it itself lists for trust — the anchor, whose signer's thumbprint the QR
 * carries — and every version after it (after `key rotate-trust` the newest is signed by the
 * trust key before, which it no longer lists: the terminal walks the chain as a held terminal
 * would). With `thumbprint`, the newest anchor with that signer, so a QR printed before a later
 * anchor still works. A key declared leaked anchors nothing. Undefined when there is no anchor.
 */
export async function enrolTrust(hub: Hub, thumbprint?: string): Promise<EnrolTrust | undefined> {
  const versions = await hub.store.bundles.after('jinka/trust', 0);
  const leaked = new Set((await hub.store.keys.list()).filter((k) => k.compromisedMs !== null).map((k) => k.kid));
  for (let i = versions.length - 1; i >= 0; i -= 1) {
    const version = versions[i];
    const anchor = version === undefined ? undefined : anchorOf(version.jws, version.body);
    if (anchor === undefined || leaked.has(anchor.kid) || (thumbprint !== undefined && anchor.thumbprint !== thumbprint)) continue;
    return { chain: versions.slice(i).map((v) => v.jws), thumbprint: anchor.thumbprint, version: versions[versions.length - 1]?.version ?? 0 };
  }
  return undefined;
}

/**
 * What a printed enrolment QR holds (shared/sync/enrol-qr.ts), for the hub at `hubUrl`: with the
 * trust version in force now, below which a terminal refuses the chain a hub answers (so a
 * hub impersonated behind this QR cannot roll it back to an older genuine version).
 */
export async function enrolQrFor(hub: Hub, hubUrl: string, code: string): Promise<string> {
  const trust = await enrolTrust(hub);
  if (trust === undefined) throw new Error('no trust version is signed by a key it lists for trust and not declared leaked: provision terminals by USB (publish --out)');
  return enrolQrText({ url: hubUrl, token: code, thumbprint: trust.thumbprint, trustMinVersion: trust.version });
}

/**
 * The signed enrolment answer (shared/sync/enrol-ack.ts) for a terminal that asked: its id,
 * its key's thumbprint, the site and service it is registered for and the trust version in
 * force, signed with the current bureau key (as `jinka/audit-ack` is); and the hub's public URL
 * (`serve --public-url`) when it has one, the address a terminal is to keep.
 */
export async function signEnrolAck(hub: Hub, enrolled: { terminalId: string; publicJwk: EnrolRequest['publicJwk']; site: string; service: string; url?: string | undefined }): Promise<string> {
  const payload = enrolAckPayloadSchema.parse({
    iss: hub.settings.iss,
    typ: ENROL_ACK_TYP,
    terminal: enrolled.terminalId,
    jkt: jwkThumbprint(enrolled.publicJwk),
    site: enrolled.site,
    service: enrolled.service,
    trust_version: (await hub.store.bundles.latestVersion('jinka/trust')) ?? 0,
    iat: hub.nowSec(),
    ...(enrolled.url !== undefined && { url: enrolled.url }),
  });
  const key = await hub.signer();
  return signEs256({ ...payload }, key.privateKey, key.kid);
}
