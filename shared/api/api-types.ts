import type { Decision } from '../decision/decision-types.js';
import type { Locale } from '../i18n/locale.js';
import type { ReasonCode } from '../reason-codes.js';
import type { GateOutcome, GateSettings, HardwareView, ScannerSettings } from '../hardware/hardware-settings.js';
import type { Companions, Relation } from '../relations.js';
import type { SyncNotice } from '../sync/sync-status-codes.js';

/** Roles at the counter: operators verify and record; supervisors also change settings. */
export type Role = 'operator' | 'supervisor';

/** The person signed in at the terminal. */
export interface OperatorView {
  id: string;
  name: string;
  role: Role;
}

/**
 * A service's quota rule as the verdict shows it (本卡年 / 本月 / 已用 …): taken from the rules in
 * force, so a service only a signed rules bundle defines is worded like a built-in one.
 */
export interface ServiceQuotaView {
  /** card_year: from the card's nbf; calendar_month: Asia/Shanghai months; lifetime: one period, ever. */
  period: 'card_year' | 'calendar_month' | 'lifetime';
  /** Uses allowed in one period. */
  limit: number;
  /** For card_year: how many card-years the benefit lasts. */
  periods?: number;
  /** Uses allowed over the whole benefit. */
  totalLimit?: number;
  /** Counted per beneficiary (Art. 22: per parent) rather than per card. */
  perBeneficiary: boolean;
}

/** What the scan screen needs to show a decision and let the operator confirm it. */
export interface VerifyView {
  id: string;
  decision: Decision;
  /** Service shown: id, article, names and (when it has one) its quota as the rules in force define it. */
  service: { id: string; article: number; name: { zh: string; en: string }; quota?: ServiceQuotaView };
  /** Most companions of each relation this service admits (all 0 where only the holder may come). */
  companionLimits: Record<Relation, number>;
  requiresTicket: boolean;
  requiresBeneficiary: boolean;
  /** Gate mode recorded the use already (holder only). */
  autoRecorded: { useId: string } | null;
  /** Gate mode: why an accepted holder was not recorded (the gate stayed shut); absent otherwise. */
  autoRecordError?: ApiErrorCode;
  /** Gate mode: what the gate output did for the recorded use (null when nothing was recorded). */
  gate?: GateOutcome | null;
}

/** A recorded use as the counter sees it. */
export interface RecordView {
  useId: string;
  alreadyRecorded: boolean;
  at: string;
}

/** Terminal settings a supervisor can change (kept in the terminal database). */
export interface TerminalSettings {
  siteName: string;
  terminalId: string;
  /** The service this counter verifies for (a catalogue id). */
  service: string;
  /** Full screen, no menu, refocus (Electron). */
  kiosk: boolean;
  /** Unattended gate: an accept records itself (holder only) and the screen returns after 2 s. */
  gateMode: boolean;
  /** Art. 33: at attended counters the operator must tick 已核对身份证件 before recording. */
  requireIdCheck: boolean;
  /** Seconds before the verdict screen returns to scanning by itself. */
  autoReturnSeconds: number;
  /** Minutes without a call that needs sign-in after which an operator's session ends (1–480). */
  operatorIdleMinutes: number;
  /** The same for a supervisor (1–60): settings should not stay open on an empty counter. */
  supervisorIdleMinutes: number;
  duplicateWindowSeconds: number;
  listStaleHours: number;
  escalate: ('CLOCK_SUSPECT' | 'LISTS_STALE' | 'DUPLICATE')[];
  cameraDeviceId: string | null;
  /** The chosen camera's name: device ids can change across reboots, the counter then finds it by name. */
  cameraLabel: string | null;
  sounds: boolean;
  language: Locale;
  /** Gate output of an unattended gate (relay board, Modbus TCP coil, HTTP controller) or none. */
  gate: GateSettings;
  /** A 2D scanner in serial (virtual COM) mode, besides the keyboard wedge and the camera. */
  scanner: ScannerSettings;
}

/** One decision in the history list. */
export interface HistoryItem {
  id: string;
  at: string;
  service: string;
  decision: 'accept' | 'reject';
  reason: ReasonCode | null;
  warnings: string[];
  holder: string | null;
  card: string | null;
  recorded: boolean;
  companions: Companions;
}

/** Today's figures for the summary screen. */
export interface DaySummary {
  day: string;
  decisions: number;
  accepted: number;
  rejected: number;
  usesByService: Record<string, number>;
  companionsByRelation: Record<Relation, number>;
  rejectionsByReason: Partial<Record<ReasonCode, number>>;
  /** Decisions per hour of the day (0–23, Shanghai). */
  byHour: number[];
}

/**
 * Sync with the bureau's hub (filled in by the sync client; 'not-enrolled' until then).
 * `notices` are codes with parameters (shared/sync/sync-status-codes.ts), worded by the page.
 */
export interface SyncView {
  state: 'not-enrolled' | 'idle' | 'syncing' | 'offline' | 'error' | 'disabled';
  lastSuccess: string | null;
  pendingUploads: number;
  notices: SyncNotice[];
}

/** The status bar and the supervisor's status page. */
export interface StatusView {
  terminalId: string;
  siteName: string;
  operator: OperatorView | null;
  rulesVersion: number;
  rulesSource: 'built-in' | 'bundle';
  lists: { iss: string; seq: number; ageHours: number; stale: boolean }[];
  /** Trusted issuers without any revocation list (each makes `listsStale` true). */
  listsMissing: string[];
  listsStale: boolean;
  clockSuspect: boolean;
  trustedIssuers: string[];
  sync: SyncView;
  /** The serial scanner and the gate output (the camera's state is the page's own). */
  hardware: HardwareView;
  now: string;
}

/** Errors a call can answer with; a rejected card is never an error, it is a decision. */
export type ApiErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_SIGNED_IN'
  | 'FORBIDDEN'
  | 'BAD_PIN'
  | 'LOCKED_OUT'
  | 'PIN_TOO_SHORT'
  | 'ID_CHECK_REQUIRED'
  | 'UNKNOWN_DECISION'
  | 'NOT_ACCEPTED'
  | 'TICKET_REQUIRED'
  | 'COMPANIONS_EXCEEDED'
  | 'QUOTA_EXHAUSTED'
  | 'NOT_ENROLLED_SERVICE'
  | 'REVOKED'
  | 'DECISION_EXPIRED'
  | 'UNKNOWN_SERVICE'
  | 'BENEFICIARY_REQUIRED'
  | 'BENEFICIARY_MISPLACED'
  | 'BENEFICIARY_ID_NUMBER'
  | 'BENEFICIARY_NOT_A_PARENT'
  | 'ENROL_FAILED'
  | 'INSECURE_HUB_URL'
  | 'CLOCK_WRONG'
  | 'INTERNAL';

/** An error with a message fit for the counter. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** The terminal's own detail after the code's words (tries left, the hub's answer); the page words the code itself (shared/i18n/api-error-text.ts). */
  detail?: string;
  /** For LOCKED_OUT: when the operator may try again. */
  retryAt?: string;
}
