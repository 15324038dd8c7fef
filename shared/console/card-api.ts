import { z } from 'zod';
import { HIDDEN_OR_CONTROL } from '../clock/clock-reset.js';
import { TIERS } from '../rules/rules-schema.js';
import { shanghaiDaySchema } from './ops-api.js';

/**
 * The console's card routes under /console/api/cards (README "The bureau's console", Cards):
 * find, list, issue one card, import a roster, download sheets, card detail, revoke, re-issue.
 * Every path below is relative to CONSOLE_API. A holder's ID number travels only in a POST body
 * (never a URL), is matched through the hub's keyed hash and is never returned, stored or logged.
 * Times are UTC instants in milliseconds; dates typed by staff are Shanghai calendar days.
 */
export const CARD_PATHS = {
  /** GET ?tier&status&issuedFrom&issuedTo&offset&limit → cardListResponse. */
  list: '/cards',
  /** POST findByIdRequest → cardFindResponse (a read: open to auditors, CSRF still required). */
  findById: '/cards/find-by-id',
  /** POST issueCardRequest → issueCardResponse. */
  issue: '/cards/issue',
  /** POST rosterUploadRequest → rosterPreviewResponse (nothing is issued). */
  rosterPreview: '/cards/roster/preview',
  /** POST rosterUploadRequest → rosterJobView (202); refused with ROSTER_INVALID if any line is bad. */
  rosterImport: '/cards/roster/import',
  /** GET → rosterJobListResponse (the latest jobs). */
  rosterJobs: '/cards/roster/jobs',
  /** GET → rosterJobView (poll for progress). */
  rosterJob: (id: string) => `/cards/roster/jobs/${encodeURIComponent(id)}`,
  /**
   * GET → application/pdf, the job's cards in parts of SHEET_PART_CARDS (part 1, 2, …: a sheet is
   * drawn in one go, so a long roster is printed part by part; parts = ceil(issued / SHEET_PART_CARDS)).
   */
  rosterJobSheet: (id: string, part = 1) => `/cards/roster/jobs/${encodeURIComponent(id)}/sheet.pdf?part=${part}`,
  /** GET → application/zip of SUB.png QR images. */
  rosterJobQr: (id: string) => `/cards/roster/jobs/${encodeURIComponent(id)}/qr.zip`,
  /** GET → text/plain, one `SUB TOKEN` line per card. */
  rosterJobTokens: (id: string) => `/cards/roster/jobs/${encodeURIComponent(id)}/tokens.txt`,
  /** GET → cardDetailResponse (404 NOT_FOUND for an unknown number: that is "find by card number"). */
  card: (sub: string) => `/cards/${encodeURIComponent(sub)}`,
  /** GET → application/pdf, the card's printable sheet. The three downloads: officer and admin only, and only of a card in force or not yet valid (409 CARD_NOT_IN_FORCE). */
  cardSheet: (sub: string) => `/cards/${encodeURIComponent(sub)}/sheet.pdf`,
  /** GET → image/png, the card's QR code. */
  cardQr: (sub: string) => `/cards/${encodeURIComponent(sub)}/qr.png`,
  /** GET → text/plain, the card's token. */
  cardToken: (sub: string) => `/cards/${encodeURIComponent(sub)}/token.txt`,
  /** POST revokeCardRequest → revokeCardResponse. */
  revoke: (sub: string) => `/cards/${encodeURIComponent(sub)}/revoke`,
  /** POST reissueCardRequest → reissueCardResponse. */
  reissue: (sub: string) => `/cards/${encodeURIComponent(sub)}/reissue`,
} as const;

/** Cards per downloaded sheet of a roster job: 12 A4 pages of 8. */
export const SHEET_PART_CARDS = 96;
export const sheetPartQuerySchema = z.strictObject({ part: z.coerce.number().int().min(1).max(1000).default(1) });

/** A card number as the hub prints it (PREFIX-TIER-NNNNNN, e.g. LC-A-000123). */
export const cardNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'a card number looks like LC-A-000123');

export const tierSchema = z.enum(TIERS);

/**
 * A card's state now: `valid` in force; `pending` not yet valid; `expired`; `revoked` (Art. 34,
 * `replacedBy` set when it was re-issued).
 */
export const cardStatusSchema = z.enum(['valid', 'pending', 'expired', 'revoked']);
export type CardStatus = z.infer<typeof cardStatusSchema>;

/** What the console shows of a card: never the holder's full name or ID number. */
export const cardViewSchema = z.strictObject({
  sub: z.string(),
  tier: tierSchema,
  /** Talent category 1–5 (Art. 5). */
  category: z.number().int(),
  /** As printed on the card (张*明). */
  maskedName: z.string(),
  /** The ID number's last four characters, as the token carries them for the counter's ID check (Art. 33). */
  idTail: z.string(),
  /** First instant of validity (nbf) and first instant no longer valid (exp), ms. */
  validFrom: z.number().int(),
  validUntil: z.number().int(),
  issuedAt: z.number().int(),
  status: cardStatusSchema,
  revokedAt: z.number().int().nullable(),
  revokeReason: z.string().nullable(),
  replaces: z.string().nullable(),
  replacedBy: z.string().nullable(),
});
export type CardView = z.infer<typeof cardViewSchema>;

/** Page size bounds of the card list. */
export const CARD_PAGE_MAX = 200;

/** The list's filters; `issuedFrom`/`issuedTo` are Shanghai days, both included. */
export const cardListQuerySchema = z.strictObject({
  tier: tierSchema.optional(),
  status: cardStatusSchema.optional(),
  issuedFrom: shanghaiDaySchema.optional(),
  issuedTo: shanghaiDaySchema.optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(CARD_PAGE_MAX).default(50),
});
export type CardListQuery = z.input<typeof cardListQuerySchema>;
export const cardListResponseSchema = z.strictObject({ cards: z.array(cardViewSchema), total: z.number().int(), offset: z.number().int(), limit: z.number().int() });
export type CardListResponse = z.infer<typeof cardListResponseSchema>;

/** An ID document number as typed (checked on the hub; see `idNumberProblem` for the inline check). */
const idNumberInput = z.string().min(1).max(64);

export const findByIdRequestSchema = z.strictObject({ idNumber: idNumberInput });
/** The holder's card in force, or null; the ID number is not echoed. */
export const cardFindResponseSchema = z.strictObject({ card: cardViewSchema.nullable() });

/** One holder typed in the console; the same checks as a roster line (hub/issue/roster.ts `checkHolder`). */
export const issueCardRequestSchema = z.strictObject({
  name: z.string().max(200),
  idNumber: idNumberInput,
  category: z.number().int(),
  /** Shanghai days YYYY-MM-DD, both included. */
  validFrom: z.string().max(32),
  validUntil: z.string().max(32),
});
export type IssueCardRequest = z.infer<typeof issueCardRequestSchema>;
export const issueCardResponseSchema = z.strictObject({ card: cardViewSchema });

/** A problem found in what was typed or uploaded; `line` is the roster line (1 is the header), 0 for a single card. */
export const holderProblemSchema = z.strictObject({ line: z.number().int(), message: z.string() });
export type HolderProblem = z.infer<typeof holderProblemSchema>;

/** Bounds on a roster upload (README "The bureau's console", Cards). */
export const ROSTER_LIMITS = {
  /** The file as uploaded (CSV text or .xlsx bytes). */
  maxFileBytes: 2 * 1024 * 1024,
  /** Holders per roster. */
  maxLines: 5000,
  /** An .xlsx: zip entries, and bytes once inflated (all entries together). */
  maxZipEntries: 64,
  maxInflatedBytes: 16 * 1024 * 1024,
} as const;

/** A roster file: CSV (UTF-8) or Excel .xlsx, base64-encoded. The header row names the columns (roster.ts ROSTER_COLUMNS). */
export const rosterUploadRequestSchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  fileName: z
    .string()
    .max(128)
    .refine((s) => !HIDDEN_OR_CONTROL.test(s), 'no control characters'),
  /** Base64; at most ROSTER_LIMITS.maxFileBytes once decoded. */
  data: z.string().max(Math.ceil((ROSTER_LIMITS.maxFileBytes * 4) / 3) + 4),
});
export type RosterUploadRequest = z.infer<typeof rosterUploadRequestSchema>;

/** One good line as it would be issued: no full name, no ID number. */
export const rosterLineSchema = z.strictObject({
  line: z.number().int(),
  maskedName: z.string(),
  idTail: z.string(),
  category: z.number().int(),
  tier: tierSchema,
  validFrom: z.number().int(),
  validUntil: z.number().int(),
});
/** Every bad line (`problems`), and the good ones; `ready` only when nothing is wrong and something is to be issued. */
export const rosterPreviewResponseSchema = z.strictObject({
  lines: z.array(rosterLineSchema),
  problems: z.array(holderProblemSchema),
  ready: z.boolean(),
});
export type RosterPreviewResponse = z.infer<typeof rosterPreviewResponseSchema>;

/** An import job; its progress is in the database. `failed` with `error` when issuing stopped (the cards issued so far stay). */
export const rosterJobViewSchema = z.strictObject({
  id: z.string(),
  staff: z.string(),
  fileName: z.string(),
  total: z.number().int(),
  issued: z.number().int(),
  state: z.enum(['running', 'done', 'failed']),
  error: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type RosterJobView = z.infer<typeof rosterJobViewSchema>;
export const rosterJobListResponseSchema = z.strictObject({ jobs: z.array(rosterJobViewSchema) });

/** One recorded use of the card (or carried from the card it replaced). */
export const cardUseViewSchema = z.strictObject({
  id: z.string(),
  service: z.string(),
  site: z.string(),
  at: z.number().int(),
  beneficiary: z.string(),
  companions: z.number().int(),
  /** Counted against a quota or not (refused by the hub, or voided). */
  counts: z.boolean(),
  overQuota: z.boolean(),
  refused: z.string().nullable(),
  carriedFrom: z.string().nullable(),
});
/** A quota's state now (shared/decision/quota.ts): one row per service, per beneficiary where counted per beneficiary. */
export const cardQuotaViewSchema = z.strictObject({
  service: z.string(),
  article: z.number().int(),
  name: z.strictObject({ zh: z.string(), en: z.string() }),
  period: z.enum(['card_year', 'calendar_month', 'lifetime']),
  beneficiary: z.string().nullable(),
  limit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  /** End of the current period (+08:00), or null. */
  periodEnd: z.string().nullable(),
  totalLimit: z.number().int().nullable(),
  totalUsed: z.number().int().nullable(),
  /** The benefit's periods are over. */
  ended: z.boolean(),
});
export const cardDetailResponseSchema = z.strictObject({
  card: cardViewSchema,
  uses: z.array(cardUseViewSchema),
  quotas: z.array(cardQuotaViewSchema),
});
export type CardDetailResponse = z.infer<typeof cardDetailResponseSchema>;

/** Art. 34: the reason (why the card is withdrawn), required; the card number typed again as the confirmation. */
const revokeReason = z
  .string()
  .trim()
  .min(2, 'give the reason (Art. 34)')
  .max(500)
  .refine((s) => !HIDDEN_OR_CONTROL.test(s), 'no line breaks or control characters');
export const revokeCardRequestSchema = z.strictObject({ reason: revokeReason, confirmSub: z.string().trim().toUpperCase().max(64) });
export type RevokeCardRequest = z.input<typeof revokeCardRequestSchema>;
export const revokeCardResponseSchema = z.strictObject({ card: cardViewSchema, revocationSeq: z.number().int() });
export const reissueCardRequestSchema = revokeCardRequestSchema;
export type ReissueCardRequest = RevokeCardRequest;
/** The new card, and the old one now revoked. */
export const reissueCardResponseSchema = z.strictObject({ card: cardViewSchema, replaced: cardViewSchema, revocationSeq: z.number().int() });

/**
 * Refusal codes of the card routes (beside console-api's): HOLDER_INVALID (typed data fails a
 * check, message says which), HOLDER_HAS_CARD, ROSTER_INVALID, ROSTER_TOO_LARGE, CONFIRMATION_MISMATCH,
 * ALREADY_REVOKED, EXPIRED, FONT_MISSING (503: the hub has no CJK font for sheets),
 * CARD_NOT_IN_FORCE (409: a revoked, replaced or expired card's sheet, QR or token is not handed out).
 */
export const CARD_ERROR_CODES = [
  'HOLDER_INVALID',
  'HOLDER_HAS_CARD',
  'ROSTER_INVALID',
  'ROSTER_TOO_LARGE',
  'CONFIRMATION_MISMATCH',
  'ALREADY_REVOKED',
  'EXPIRED',
  'FONT_MISSING',
  'CARD_NOT_IN_FORCE',
] as const;
export type CardErrorCode = (typeof CARD_ERROR_CODES)[number];
