import type { ApiError, ApiErrorCode, OperatorView, SyncView, TerminalSettings } from '../../shared/api/api-types.js';
import type { ApiEvent } from '../../shared/api/jinka-bridge.js';
import type { ApiChannel, ApiParsedInput, ApiResult } from '../../shared/api/terminal-api.js';
import type { Terminal } from '../core/terminal.js';
import type { HardwarePort } from './hardware-port.js';

/** The hub sync as the API sees it: its state now, and a round on demand. */
export interface SyncPort {
  status(): SyncView;
  now(): Promise<SyncView>;
}

/** What every channel handler works with: the core, the clock, the one session, settings, events. */
export interface ServiceContext {
  terminal: Terminal;
  sync: SyncPort;
  /** The gate output and the serial scanner (none wired: NO_HARDWARE). */
  hardware: HardwarePort;
  /** Wall clock (UTC ms) for sessions and lockouts; the terminal's own clock by default. */
  now(): number;
  /** The operator signed in at this terminal (a counter has one at a time). */
  operator(): OperatorView | null;
  setOperator(operator: OperatorView | null): void;
  /** Settings in force, read fresh from the database. */
  settings(): TerminalSettings;
  /** An error in the terminal's language. */
  fail(code: ApiErrorCode, detail?: string, retryAt?: string): { ok: false; error: ApiError };
  emit(event: ApiEvent): void;
}

/** The handler of one channel: gets validated input, answers a Result (sync or async). */
export type ChannelHandler<C extends ApiChannel> = (input: ApiParsedInput<C>) => ApiResult<C> | Promise<ApiResult<C>>;

/** Handlers for a group of channels. */
export type ChannelHandlers<K extends ApiChannel> = { [C in K]: ChannelHandler<C> };
