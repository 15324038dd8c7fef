import { createHash, randomInt } from 'node:crypto';
import { z } from 'zod';
import { publicKeyFromJwk } from '../../node/crypto/keys.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { EnrolRequest } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../hub.js';
import type { EnrolRefusal } from '../store/hub-store.js';
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
export async function createEnrolCode(hub: Hub, options: z.input<typeof enrolCodeOptionsSchema>): Promise<{ code: string; expiresMs: number }> {
  const o = enrolCodeOptionsSchema.parse(options);
  const { rules } = await hub.rules();
  if (!rules.services.some((s) => s.id === o.service)) throw new Error(`unknown service "${o.service}" (the rules in force list ${rules.services.map((s) => s.id).join(', ')})`);
  const raw = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)] as string).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  const createdMs = hub.now();
  const expiresMs = createdMs + Math.round(o.hours * 3_600_000);
  await hub.store.terminals.addCode({ codeHash: hashCode(code), site: o.site, service: o.service, createdMs, expiresMs });
  return { code, expiresMs };
}

/** Why an enrolment failed, with the HTTP status it answers. */
export interface EnrolError {
  status: 400 | 403 | 409;
  code: EnrolRefusal | 'BAD_KEY';
  message: string;
}

const STATUS: Record<EnrolRefusal, EnrolError['status']> = {
  UNKNOWN_CODE: 403,
  CODE_USED: 403,
  CODE_EXPIRED: 403,
  WRONG_PLACE: 403,
  TERMINAL_EXISTS: 409,
};

/** Registers a terminal's own public key, site and service against a one-time code. */
export async function enrolTerminal(hub: Hub, request: EnrolRequest): Promise<Result<{ terminalId: string }, EnrolError>> {
  try {
    publicKeyFromJwk(request.publicJwk);
  } catch {
    return err({ status: 400, code: 'BAD_KEY', message: 'publicJwk is not a usable P-256 public key' });
  }
  const result = await hub.store.terminals.enrol(hashCode(request.code), {
    id: request.terminalId,
    site: request.site.trim(),
    service: request.service.trim(),
    publicJwk: request.publicJwk,
    enrolledMs: hub.now(),
  });
  if (!result.ok) return err({ status: STATUS[result.refusal], code: result.refusal, message: result.detail });
  // Its requests are authenticated from the in-memory key index from now on.
  terminalKeysOf(hub).keyOf({ id: request.terminalId, publicJwk: request.publicJwk });
  return ok({ terminalId: request.terminalId });
}
