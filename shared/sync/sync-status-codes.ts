import { z } from 'zod';

/**
 * What the sync state has to say, as codes with parameters: the core never words them. The
 * counter (renderer/src/i18n/sync-notice-text.ts) and the CLI (electron/cli/sync-notice-text.ts)
 * each word every code in zh and en, in tables that fail to compile when a code is missing.
 * Parameters that come from outside (`cause`, `hubCode`, `hubMessage`, `detail`, `path`) are
 * the system's or the hub's own words, kept for support; they are bounded here because the
 * notices are stored in the database and read back through this schema.
 */
const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0);

export const syncNoticeSchema = z.discriminatedUnion('code', [
  /** Not enrolled at a hub: lists and rules come from a supervisor's imports. */
  z.strictObject({ code: z.literal('NOT_ENROLLED') }),
  /** Enrolled, but the terminal key is gone from the data folder: enrol again. */
  z.strictObject({ code: z.literal('KEY_MISSING') }),
  /** The stored hub URL is refused before anything is sent (not a URL; plain HTTP off this machine). */
  z.strictObject({ code: z.literal('HUB_URL_REFUSED'), reason: z.enum(['INVALID_URL', 'INSECURE_HTTP']) }),
  /** No answer: the network, the hub's host (`cause` is the system's code, e.g. ECONNREFUSED, when there is one). */
  z.strictObject({ code: z.literal('HUB_UNREACHABLE'), cause: text(64).nullable() }),
  /** No answer in time. */
  z.strictObject({ code: z.literal('HUB_TIMEOUT') }),
  /** The hub (or a proxy in front of it) answered 502/503/504: it is down for now. */
  z.strictObject({ code: z.literal('HUB_UNAVAILABLE'), status: z.number().int() }),
  /** 401: the hub does not accept this terminal's signature (key replaced, clock far off). */
  z.strictObject({ code: z.literal('HUB_UNAUTHORIZED'), hubCode: text(100).nullable(), hubMessage: text(300).nullable() }),
  /** 403 naming a disabled terminal: the bureau disabled it. */
  z.strictObject({ code: z.literal('TERMINAL_DISABLED'), hubMessage: text(300).nullable() }),
  /** Any other error answer of the hub. */
  z.strictObject({ code: z.literal('HUB_REFUSED'), status: z.number().int(), hubCode: text(100).nullable(), hubMessage: text(300).nullable() }),
  /** An answer larger than this terminal reads for that call. */
  z.strictObject({ code: z.literal('HUB_ANSWER_TOO_LARGE'), maxBytes: count }),
  /** An answer that is not JSON. */
  z.strictObject({ code: z.literal('HUB_ANSWER_NOT_JSON'), status: z.number().int() }),
  /** JSON the protocol's schema refuses (`path` names the first field that is wrong). */
  z.strictObject({ code: z.literal('HUB_ANSWER_UNEXPECTED'), status: z.number().int(), path: text(200) }),
  /** The hub acknowledged nothing past the batch sent: the queue cannot move (its flags say why). */
  z.strictObject({ code: z.literal('UPLOAD_STALLED'), acknowledged: count, from: count, last: count, flags: z.array(text(300)).max(20) }),
  /** A fault inside this terminal during the round (`detail` is the exception's text). */
  z.strictObject({ code: z.literal('ROUND_FAILED'), detail: text(300) }),
  /** Downloaded bundles refused (tampered, replayed, out of order); the terminal keeps what it had. */
  z.strictObject({ code: z.literal('BUNDLES_REFUSED'), bundles: z.array(z.strictObject({ code: text(64), detail: text(300) })).max(20), total: count }),
  /** Audit entries over the protocol's bounds, sent as stand-ins the hub flags; the full entries stay here. */
  z.strictObject({ code: z.literal('ENTRIES_WITHHELD'), count, seq: count, kind: text(64), length: count, path: text(200) }),
  /** This terminal's clock is more than 5 minutes from the hub's (§4 tolerance). */
  z.strictObject({ code: z.literal('CLOCK_SKEW'), minutes: count, direction: z.enum(['behind', 'ahead']) }),
]);

/** One thing the sync state says, with its parameters. */
export type SyncNotice = z.infer<typeof syncNoticeSchema>;

/** Every sync notice code. */
export type SyncNoticeCode = SyncNotice['code'];

/** The notice of one code, with that code's parameters. */
export type SyncNoticeOf<C extends SyncNoticeCode> = Extract<SyncNotice, { code: C }>;

/**
 * A text from outside (the hub, the system) as a notice keeps it: control and bidirectional
 * formatting characters become spaces (a hostile hub's newline would forge a second line of
 * `jinka sync status`, a right-to-left override would turn words around), cut to `max`.
 */
export const clip = (value: string, max: number): string => {
  // eslint-disable-next-line no-control-regex -- the control characters are what is removed
  const plain = value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
};

/** Every code, for the tests that check each is worded (the union above is the source). */
export const SYNC_NOTICE_CODES: readonly SyncNoticeCode[] = syncNoticeSchema.options.map((o) => o.shape.code.value);

/**
 * A notice as a short reference for support, in no language: its code and the system's or the
 * hub's code (`HUB_UNREACHABLE ECONNREFUSED`, `HUB_REFUSED 409 CODE_USED`). Shown after worded
 * text, so a Chinese line carries no English sentence from below.
 */
export function noticeReference(notice: SyncNotice): string {
  switch (notice.code) {
    case 'HUB_UNREACHABLE':
      return notice.cause === null ? notice.code : `${notice.code} ${notice.cause}`;
    case 'HUB_UNAVAILABLE':
    case 'HUB_ANSWER_NOT_JSON':
      return `${notice.code} ${notice.status}`;
    case 'HUB_ANSWER_UNEXPECTED':
      return `${notice.code} ${notice.status} ${notice.path}`;
    case 'HUB_REFUSED':
      return [notice.code, String(notice.status), notice.hubCode].filter((p) => p !== null).join(' ');
    case 'HUB_UNAUTHORIZED':
      return notice.hubCode === null ? notice.code : `${notice.code} ${notice.hubCode}`;
    default:
      return notice.code;
  }
}
