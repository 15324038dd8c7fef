import { z } from 'zod';
import { HIDDEN_OR_CONTROL } from '../clock/clock-reset.js';
import type { CardErrorCode } from './card-api.js';
import type { OpsErrorCode } from './ops-api.js';

/**
 * The bureau console's JSON API under /console/api/ (README "The bureau's console"): the typed
 * request and response of each route, shared by the hub's routes and the console's pages.
 * Every state-changing request carries the session's CSRF token in `CONSOLE_CSRF_HEADER`.
 */
export const CONSOLE_API = '/console/api';
/** The session cookie (HttpOnly, SameSite=Strict, Path=/console; Secure under TLS). */
export const CONSOLE_COOKIE = 'jinka_console';
/** The header a state-changing request repeats the session's CSRF token in. */
export const CONSOLE_CSRF_HEADER = 'x-jinka-csrf';

/** Staff roles: admin runs the system, officer issues and revokes, auditor only reads (issue 11). */
export const staffRoleSchema = z.enum(['admin', 'officer', 'auditor']);
export type StaffRole = z.infer<typeof staffRoleSchema>;
export const STAFF_ROLES: readonly StaffRole[] = staffRoleSchema.options;

/** A staff id: lower-case letters, digits, `.`, `_`, `-`, 2 to 32 characters (never an ID number: see `looksLikeIdNumber`). */
export const STAFF_ID_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;
export const staffIdSchema = z.string().regex(STAFF_ID_PATTERN, 'a staff id is 2-32 lower-case letters, digits, . _ -, starting with a letter');
/** Passwords: 12 to 128 characters (the upper bound keeps a hashing request cheap to refuse). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
/** What sign-in accepts for a password: any length up to the bound (a short one is simply wrong). */
const typedPasswordSchema = z.string().min(1).max(PASSWORD_MAX);
export const totpCodeSchema = z.string().regex(/^\d{6}$/);
export const staffNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((s) => !HIDDEN_OR_CONTROL.test(s), 'no line breaks or control characters');

export const signInRequestSchema = z.strictObject({ id: z.string().min(1).max(64), password: typedPasswordSchema, totp: totpCodeSchema.optional() });
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** Who is signed in; `totpSetupRequired`: the role needs TOTP and this account has none yet (only enrolment is open). */
export const sessionViewSchema = z.strictObject({
  staff: z.strictObject({ id: z.string(), name: z.string(), role: staffRoleSchema, totp: z.boolean() }),
  csrfToken: z.string(),
  totpSetupRequired: z.boolean(),
  expiresAt: z.number().int(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const totpEnrolResponseSchema = z.strictObject({ secret: z.string(), otpauthUri: z.string() });
export type TotpEnrolResponse = z.infer<typeof totpEnrolResponseSchema>;
export const totpConfirmRequestSchema = z.strictObject({ code: totpCodeSchema });

export const staffViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  disabled: z.boolean(),
  totp: z.boolean(),
  lockedUntil: z.number().int().nullable(),
  createdAt: z.number().int(),
});
export type StaffView = z.infer<typeof staffViewSchema>;
export const staffListResponseSchema = z.strictObject({ staff: z.array(staffViewSchema), totpRoles: z.array(staffRoleSchema) });

export const addStaffRequestSchema = z.strictObject({ id: staffIdSchema, name: staffNameSchema, role: staffRoleSchema, password: passwordSchema });
export const resetPasswordRequestSchema = z.strictObject({ password: passwordSchema });
export const changeRoleRequestSchema = z.strictObject({ role: staffRoleSchema });
export const disableStaffRequestSchema = z.strictObject({ disabled: z.boolean() });
export const totpRolesRequestSchema = z.strictObject({ roles: z.array(staffRoleSchema).max(3) });

export const staffLogEntrySchema = z.strictObject({
  seq: z.number().int(),
  at: z.number().int(),
  staff: z.string().nullable(),
  address: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.string(),
});
export type StaffLogView = z.infer<typeof staffLogEntrySchema>;
export const staffLogQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const staffLogResponseSchema = z.strictObject({ entries: z.array(staffLogEntrySchema), chainOk: z.boolean() });

/** A plain acknowledgement. */
export const okResponseSchema = z.strictObject({ ok: z.literal(true) });

/** The refusal codes the console API answers (with `message` and `hubTime`, as /v1/ does). */
export type ConsoleErrorCode =
  | 'SIGN_IN_FAILED'
  | 'LOCKED_OUT'
  | 'TOTP_REQUIRED'
  | 'RATE_LIMITED'
  | 'NOT_SIGNED_IN'
  | 'CSRF'
  | 'FORBIDDEN'
  | 'TOTP_SETUP_REQUIRED'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'EXISTS'
  | 'LAST_ADMIN'
  | CardErrorCode
  | OpsErrorCode;
