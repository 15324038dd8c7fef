import { STAFF_ID_PATTERN, staffRoleSchema, type StaffRole } from '../../shared/console/console-api.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Hub } from '../hub.js';
import type { HubRepos, StoredStaff } from '../store/hub-store.js';
import { passwordMatches } from './password.js';
import { matchTotp } from './totp.js';
import { openTotp } from './totp-seal.js';

/** Consecutive failed sign-ins after which an id is locked, and for how long. */
export const MAX_SIGN_IN_FAILURES = 5;
export const SIGN_IN_LOCK_MS = 15 * 60_000;

/** Why a sign-in failed. A wrong id, a wrong password, a disabled account and a wrong code all answer SIGN_IN_FAILED. */
export type SignInFailure = { code: 'SIGN_IN_FAILED' } | { code: 'LOCKED_OUT'; retryAtMs: number } | { code: 'TOTP_REQUIRED' };

/** Meta key of the roles that must sign in with TOTP. */
const TOTP_ROLES_KEY = 'console_totp_roles';

/** The roles the admin requires TOTP of (none until set). */
export async function totpRoles(repos: Pick<HubRepos, 'meta'>): Promise<StaffRole[]> {
  const text = await repos.meta.get(TOTP_ROLES_KEY);
  return text === undefined ? [] : staffRoleSchema.array().parse(JSON.parse(text));
}

export async function setTotpRoles(repos: Pick<HubRepos, 'meta'>, roles: StaffRole[]): Promise<void> {
  await repos.meta.set(TOTP_ROLES_KEY, JSON.stringify([...new Set(roles)].sort()));
}

/** The id as typed, as an account would have it (ids are lower case); undefined when no account could have it. */
export function typedStaffId(typed: string): string | undefined {
  const id = typed.trim().toLowerCase();
  return STAFF_ID_PATTERN.test(id) ? id : undefined;
}

/**
 * Checks a sign-in, modelled on the counter's PIN check (electron/core/operator-accounts.ts):
 * the attempt is reserved in the database before the slow hash, so 200 parallel guesses get at
 * most five hashings between lockouts, in one process or several; attempts are counted per
 * typed id, known or not, and an unknown id is hashed against a decoy, so a stranger gets the
 * same answers at the same cost for any id. A typed id no account could have (not a staff id:
 * perhaps an ID number typed in the wrong box) is hashed against the decoy and never stored.
 * A disabled account fails like a wrong password. With TOTP on the account, the code is checked
 * after the password and used once; a missing code counts as a failure too (it tells that the
 * password was right, so it must cost a try).
 * `restricted`: the role requires TOTP and the account has none yet (only enrolment is open).
 */
export async function checkSignIn(
  hub: Hub,
  typed: { id: string; password: string; totp?: string | undefined },
): Promise<Result<{ staff: StoredStaff; restricted: boolean }, SignInFailure>> {
  const store = hub.store;
  const id = typedStaffId(typed.id);
  if (id === undefined) {
    await passwordMatches(typed.password, undefined);
    return err({ code: 'SIGN_IN_FAILED' });
  }
  const limits = { nowMs: hub.now(), maxFailures: MAX_SIGN_IN_FAILURES, lockMs: SIGN_IN_LOCK_MS };
  const reserved = await store.staff.reserveAttempt(id, limits);
  if (reserved.locked) return err({ code: 'LOCKED_OUT', retryAtMs: reserved.lockedUntilMs });
  const staff = await store.staff.get(id);
  const matches = await passwordMatches(typed.password, staff?.passwordHash);
  const fail = async (failure: SignInFailure): Promise<Result<never, SignInFailure>> => {
    const after = await store.staff.settleFailure(id, { ...limits, nowMs: hub.now() });
    return err(after.locked ? { code: 'LOCKED_OUT', retryAtMs: after.lockedUntilMs } : failure);
  };
  if (staff === undefined || !matches || staff.disabledMs !== null) return fail({ code: 'SIGN_IN_FAILED' });
  if (staff.totpSealed !== null) {
    if (typed.totp === undefined) return fail({ code: 'TOTP_REQUIRED' });
    const secret = openTotp(hub, staff.id, staff.totpSealed);
    const step = secret === undefined ? undefined : matchTotp(secret, typed.totp, hub.now());
    if (step === undefined || !(await store.staff.useTotpStep(staff.id, step))) return fail({ code: 'SIGN_IN_FAILED' });
  }
  const after = await store.staff.settleSuccess(id, { ...limits, nowMs: hub.now() });
  if (after.locked) return err({ code: 'LOCKED_OUT', retryAtMs: after.lockedUntilMs });
  const restricted = staff.totpSealed === null && (await totpRoles(store)).includes(staff.role);
  return ok({ staff, restricted });
}
