import { z } from 'zod';
import { beneficiarySchema } from '../beneficiary.js';
import { clockResetReasonSchema } from '../clock/clock-reset.js';
import type { GateOutcome } from '../hardware/hardware-settings.js';
import { operatorIdSchema } from '../operator-id.js';
import { companionsSchema as companions, serviceIdSchema, ticketSchema } from '../request-fields.js';
import type { Result } from '../result.js';
import { enrolQrSchema, thumbprintSchema } from '../sync/enrol-qr.js';
import { SETTINGS_FIELDS } from './settings-fields.js';
import type {
  ApiError,
  DaySummary,
  HistoryItem,
  OperatorView,
  RecordView,
  StatusView,
  SyncView,
  TerminalSettings,
  VerifyView,
} from './api-types.js';

const empty = z.strictObject({});

/**
 * The terminal API: one typed map of every call the counter UI makes. Both transports —
 * Electron IPC (preload `window.jinka`) and the local HTTP bridge — are generated from
 * it, and the main side validates every input with these schemas.
 */
export const API_INPUTS = {
  'session.signIn': z.strictObject({ operatorId: operatorIdSchema, pin: z.string().regex(/^\d{4,12}$/) }),
  'session.signOut': empty,
  'session.current': empty,
  'card.verify': z.strictObject({
    token: z.string().max(8192),
    companions: companions.optional(),
    // Art. 22: which parent (father | mother), never an ID number; the one shared schema.
    beneficiary: beneficiarySchema.optional(),
  }),
  'card.record': z.strictObject({
    decisionId: z.string().uuid(),
    companions: companions.optional(),
    ticket: ticketSchema.optional(),
    idChecked: z.boolean(),
  }),
  'history.list': z.strictObject({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    decision: z.enum(['accept', 'reject']).optional(),
    service: serviceIdSchema.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
  'history.summary': z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  'history.exportCsv': z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  'status.get': empty,
  'settings.get': empty,
  'settings.set': z.strictObject(SETTINGS_FIELDS).partial(),
  'catalogue.list': empty,
  'sync.status': empty,
  'sync.now': empty,
  // With the enrolment QR's trust-key thumbprint (scanned), a terminal that trusts nobody yet takes the hub's checked trust list too.
  'sync.enrol': z.strictObject({ hubUrl: z.string().url().max(300), code: z.string().trim().min(6).max(64), trustThumbprint: thumbprintSchema.optional(), trustMinVersion: enrolQrSchema.shape.jinka_trust_min_version }),
  // §6 CLOCK_SUSPECT left by a clock that ran ahead: the supervisor clears it, saying why (audited).
  'clock.reset': z.strictObject({ reason: clockResetReasonSchema }),
  // Supervisor: pulse the gate output in force once, with no use behind it (audited).
  'gate.test': empty,
  // The next code from a serial-mode scanner after `after` (long-poll: the HTTP bridge has no events).
  'scanner.next': z.strictObject({ after: z.number().int().min(0), waitMs: z.number().int().min(0).max(25_000).default(20_000) }),
} as const;

/** What each call answers on success. */
export interface ApiOutputs {
  'session.signIn': OperatorView;
  'session.signOut': null;
  'session.current': OperatorView | null;
  'card.verify': VerifyView;
  'card.record': RecordView;
  'history.list': HistoryItem[];
  'history.summary': DaySummary;
  'history.exportCsv': { filename: string; csv: string };
  'status.get': StatusView;
  'settings.get': TerminalSettings;
  'settings.set': TerminalSettings;
  'catalogue.list': { id: string; article: number; name: { zh: string; en: string } }[];
  'sync.status': SyncView;
  'sync.now': SyncView;
  'sync.enrol': SyncView;
  /** The latest time seen before (null: none) and after the reset, Asia/Shanghai. */
  'clock.reset': { from: string | null; to: string };
  /** What the gate did when pulsed (no use recorded, nothing voided). */
  'gate.test': GateOutcome;
  /** A code read by the serial scanner, numbered; null when none came within waitMs. */
  'scanner.next': { seq: number; code: string } | null;
}

/** A call name. */
export type ApiChannel = keyof typeof API_INPUTS;
/** What the caller sends for a call (before defaults are applied). */
export type ApiInput<C extends ApiChannel> = z.input<(typeof API_INPUTS)[C]>;
/** The validated input the service receives. */
export type ApiParsedInput<C extends ApiChannel> = z.output<(typeof API_INPUTS)[C]>;
/** Every answer: a value or an error, never a thrown exception across the boundary. */
export type ApiResult<C extends ApiChannel> = Result<ApiOutputs[C], ApiError>;

/** Calls that need no signed-in operator. */
export const PUBLIC_CHANNELS: readonly ApiChannel[] = ['session.signIn', 'session.current', 'status.get', 'settings.get', 'catalogue.list'];
/** Calls a supervisor may not make: scanning and recording cards is an operator's work (the supervisor role is for settings). */
export const OPERATOR_CHANNELS: readonly ApiChannel[] = ['card.verify', 'card.record'];
/** Calls only a supervisor may make (the only ones that keep a supervisor's session open). */
export const SUPERVISOR_CHANNELS: readonly ApiChannel[] = ['settings.set', 'sync.enrol', 'clock.reset', 'gate.test'];
/** Calls that need sign-in but are not work at the counter (a long-poll), so they never keep a session open. */
export const PASSIVE_CHANNELS: readonly ApiChannel[] = ['scanner.next'];

/** The client side of the API, as the renderer sees it on either transport. */
export interface JinkaApi {
  call<C extends ApiChannel>(channel: C, input: ApiInput<C>): Promise<ApiResult<C>>;
}

/** The list of channels, for generating transports. */
export const API_CHANNELS = Object.keys(API_INPUTS) as ApiChannel[];
