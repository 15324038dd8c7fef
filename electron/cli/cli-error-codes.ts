import type { RequestErrorCode } from '../../shared/decision/request-check.js';
import type { RequestField } from '../../shared/request-fields.js';
import type { Role } from '../../shared/api/api-types.js';
import type { RecordErrorCode } from '../core/terminal.js';
import type { AddOperatorError } from '../core/operator-accounts.js';
import type { EnrolError } from '../core/sync/enrol.js';
import type { CommandName } from './cli-help.js';

/**
 * Why a `jinka` command could not run, as a code and its parameters; the words are in
 * cli-error-text.ts, once per language (JINKA_LANG). `detail` is text that came from below
 * (the operating system, a core check) and is repeated as is.
 */
export interface CliErrorParams {
  UNKNOWN_COMMAND: { name: string };
  USAGE: { command: CommandName };
  BAD_ARGUMENTS: { detail: string };
  OPTION_REQUIRED: { flag: string };
  OPTION_TOO_LONG: { flag: string; max: number; given: number };
  DISK_FULL: { cause: string | null };
  DATABASE_BUSY: { cause: string };
  DATABASE_DAMAGED: { cause: string };
  CANNOT_WRITE_DATA: { cause: string };
  DATABASE_IO: { cause: string };
  INTERNAL: { detail: string };
  FIELD_OUT_OF_BOUNDS: { field: RequestField };
  STDIN_TOO_LARGE: { maxBytes: number; why: string | null };
  FILE_MISSING: { file: string };
  FILE_UNREADABLE: { file: string; why: string };
  FILE_IS_FOLDER: { file: string };
  FILE_NOT_REGULAR: { file: string };
  FILE_TOO_LARGE: { file: string; maxBytes: number };
  FILE_GREW: { file: string; maxBytes: number };
  FILE_NOT_TEXT: { file: string };
  CANNOT_WRITE_FILE: { file: string; detail: string };
  DATA_DIR_EMPTY: Record<never, never>;
  DATA_FOLDER: { detail: string };
  SCHEMA_TOO_NEW: { detail: string };
  COMPANIONS_UNREADABLE: { pair: string };
  COMPANIONS_UNKNOWN_RELATION: { relation: string };
  COMPANIONS_TWICE: { relation: string };
  COMPANIONS_TOO_MANY: { relation: string; count: number; max: number };
  VERIFY_ONE_TOKEN: Record<never, never>;
  TICKET_EMPTY: Record<never, never>;
  AT_UNREADABLE: { value: string };
  REQUEST_REFUSED: { reason: RequestErrorCode; service: string; known: readonly string[] };
  RECORD_REFUSED: { reason: RecordErrorCode };
  RECORD_AT_REFUSED: { offsetMs: number; toleranceMs: number };
  IMPORT_ONE_FILE: Record<never, never>;
  IMPORT_REFUSED: { reason: string; detail: string; item: number | null };
  TRUST_REFUSED: { reason: string; detail: string };
  NOT_ENROLLED: Record<never, never>;
  SYNC_KEY_MISSING: Record<never, never>;
  ENROL_EXTRA_ARGUMENT: { argument: string };
  ENROL_FAILED: { error: EnrolError };
  LIMIT_RANGE: Record<never, never>;
  PIN_REQUIRED: Record<never, never>;
  PIN_RULE: { role: Role; min: number };
  ROLE_INVALID: Record<never, never>;
  OPERATOR_REFUSED: { reason: Exclude<AddOperatorError, 'INVALID_PIN'> };
  NO_OPERATOR: { id: string };
  SET_NOT_A_PAIR: { pair: string };
  SET_OUT_OF_RANGE: { key: string; value: string };
  SET_NOT_A_NUMBER: { key: string; value: string };
  SET_BAD_ESCALATE: { value: string };
  SET_UNKNOWN: { key: string; known: readonly string[] };
  SET_INVALID: { key: string; detail: string };
  SET_REFUSED: { detail: string };
  REASON_REQUIRED: Record<never, never>;
  REASON_INVALID: Record<never, never>;
  CLOCK_WRONG: Record<never, never>;
}

/** One CLI error code. */
export type CliErrorCode = keyof CliErrorParams;

/** A CLI error: its code with its parameters. */
export type CliProblem = { [C in CliErrorCode]: { code: C } & CliErrorParams[C] }[CliErrorCode];
