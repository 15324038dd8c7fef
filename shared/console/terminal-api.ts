import { z } from 'zod';
import { staffNoteSchema } from './ops-api.js';

/**
 * The console's terminal routes (README "The bureau's console", Terminals). Paths relative to
 * CONSOLE_API. Enrolment and disabling: admin and officer; the list: every role.
 */
export const TERMINAL_PATHS = {
  /** GET → terminalListResponse. */
  list: '/terminals',
  /** POST createEnrolmentRequest → createEnrolmentResponse (201). */
  enrol: '/terminals/enrolments',
  /** POST disableTerminalRequest → terminalView. */
  disable: (id: string) => `/terminals/${encodeURIComponent(id)}/disable`,
} as const;

/** Hours an enrolment code lasts, at most 30 days (as `jinka-hub enrol-code`). */
export const ENROL_HOURS_MAX = 24 * 30;

export const createEnrolmentRequestSchema = z.strictObject({
  site: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((s) => !/[\p{Cc}]/u.test(s), 'no line breaks or control characters'),
  service: z.string().trim().min(1).max(32),
  /** Validity of the code in hours (default 24). */
  hours: z.number().positive().max(ENROL_HOURS_MAX).default(24),
});
export type CreateEnrolmentRequest = z.input<typeof createEnrolmentRequestSchema>;

export const createEnrolmentResponseSchema = z.strictObject({
  /** The one-time code as staff read it out (XXXX-XXXX-XXXX); the hub keeps only its hash. */
  code: z.string(),
  site: z.string(),
  service: z.string(),
  expiresAt: z.number().int(),
  /** The hub URL the QR names: this console's own origin (the address staff reach it at). */
  hubUrl: z.string(),
  /** The enrolment QR's text (shared/sync/enrol-qr.ts: pretixSCAN's handshake plus the trust thumbprint). */
  qr: z.string(),
  /** The same QR as a printable PNG, `data:image/png;base64,…`. */
  qrPng: z.string(),
});
export type CreateEnrolmentResponse = z.infer<typeof createEnrolmentResponseSchema>;

/** `ok`: no open CHAIN_BREAK flag for the terminal; `broken`: one or more (see the flags). */
export const chainStatusSchema = z.enum(['ok', 'broken']);

export const terminalViewSchema = z.strictObject({
  id: z.string(),
  site: z.string(),
  service: z.string(),
  enrolledAt: z.number().int(),
  /** `online` heard from within ONLINE_WITHIN_MS, `silent` otherwise, `disabled`. */
  status: z.enum(['online', 'silent', 'disabled']),
  lastSeen: z.number().int().nullable(),
  /** Terminal clock minus hub clock at its last upload, ms. */
  clockOffsetMs: z.number().int().nullable(),
  /** The bureau's revocation sequence the terminal said it holds at its last bundle request (null: not reported yet). */
  revocationSeqHeld: z.number().int().nullable(),
  /** Highest contiguous audit sequence stored at the hub. */
  auditCursor: z.number().int(),
  /** Audit entries the terminal reported holding beyond `auditCursor` (null: not reported yet). */
  pendingUploads: z.number().int().nullable(),
  chain: chainStatusSchema,
  /** Flags nobody resolved yet for this terminal. */
  openFlags: z.number().int(),
  /** The rules say the lists it holds are stale (not heard from for longer than `listStaleHours`). */
  staleLists: z.boolean(),
  disabledAt: z.number().int().nullable(),
  disabledReason: z.string().nullable(),
});
export type TerminalView = z.infer<typeof terminalViewSchema>;

export const terminalListResponseSchema = z.strictObject({ terminals: z.array(terminalViewSchema), at: z.number().int() });
export type TerminalListResponse = z.infer<typeof terminalListResponseSchema>;

export const disableTerminalRequestSchema = z.strictObject({ reason: staffNoteSchema });
export type DisableTerminalRequest = z.infer<typeof disableTerminalRequestSchema>;

/** A terminal id in a path. */
export const terminalIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });
