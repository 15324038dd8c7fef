import type { z } from 'zod';
import type { ApiError, OperatorView, TerminalSettings } from '../../shared/api/api-types.js';
import type { ApiEvent } from '../../shared/api/jinka-bridge.js';
import { API_INPUTS, type ApiChannel, type ApiInput, type ApiParsedInput, type ApiResult, type JinkaApi } from '../../shared/api/terminal-api.js';
import type { Locale } from '../../shared/i18n/locale.js';
import type { Terminal } from '../core/terminal.js';
import { terminalSettings } from '../core/terminal-settings.js';
import { storedSync } from '../core/sync/sync-port.js';
import { apiError } from './api-error-text.js';
import { cardHandlers } from './card-handlers.js';
import { clockHandlers } from './clock-handlers.js';
import { accessDenied, isApiChannel, keepsSessionAlive } from './channel-access.js';
import { enrolHandlers } from './enrol-handlers.js';
import { hardwareHandlers } from './hardware-handlers.js';
import { NO_HARDWARE, type HardwarePort } from './hardware-port.js';
import { historyHandlers } from './history-handlers.js';
import type { ChannelHandler, ChannelHandlers, ServiceContext, SyncPort } from './service-context.js';
import { endSession, idleLimitMs, sessionHandlers, SUPERVISOR_SESSION_MAX_MS } from './session-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import { statusHandlers } from './status-handlers.js';
import { notEnrolledSyncPort } from './sync-state.js';

/** How the service is wired: a clock for sessions and lockouts, and where unexpected errors go. */
export interface TerminalServiceOptions {
  /** Wall clock (UTC ms); the terminal's own clock by default. */
  clock?: () => number;
  /**
   * Monotonic clock (ms) timing idle sessions, the supervisor's session length and lockouts, so
   * a wall clock changed by hand cannot stretch or cut them; performance.now() by default.
   */
  monotonic?: () => number;
  /** Receives unexpected exceptions (they answer INTERNAL); console.error by default. */
  log?: (channel: string, error: unknown) => void;
  /** The hub sync (sync.status, sync.now and the status bar); 'not-enrolled' answers when absent. */
  sync?: SyncPort;
  /** The gate output and the serial scanner (electron/hardware); none when absent. */
  hardware?: HardwarePort;
}

/** The terminal API served from the core: what both transports (IPC and HTTP) call. */
export interface TerminalService extends JinkaApi {
  /** Answers one call from outside: the channel name and input are untrusted. Never throws. */
  handle: (channel: string, rawInput: unknown) => Promise<ApiResult<ApiChannel>>;
  /** Subscribes to pushed events (session and settings changes); returns the unsubscribe. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Settings in force (for the Electron window: kiosk mode). */
  settings(): TerminalSettings;
}

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
    .join('; ');

/**
 * Creates the terminal service: validates every input against API_INPUTS, enforces
 * sign-in and the supervisor role, runs the channel on the core, and turns any
 * unexpected exception into an INTERNAL result (Results, not throws, across the boundary).
 */
export function createTerminalService(terminal: Terminal, options: TerminalServiceOptions = {}): TerminalService {
  const clock = options.clock ?? (() => terminal.now());
  const monotonic = options.monotonic ?? (() => performance.now());
  const log = options.log ?? ((channel, error) => console.error(`jinka: ${channel} failed`, error));
  const listeners = new Set<(event: ApiEvent) => void>();
  let operator: OperatorView | null = null;
  /** When (monotonic) the session began, and last made a call that keeps it alive (sign-in included). */
  let sessionStartMono = 0;
  let lastActivityMono = 0;
  const settings = () => terminalSettings(terminal);
  const locale = (): Locale => {
    try {
      return settings().language;
    } catch {
      return 'zh';
    }
  };

  const ctx: ServiceContext = {
    terminal,
    // Without a loop from the caller: the stored sync state and a round on demand (electron/core/sync).
    sync: options.sync ?? storedSync(terminal, notEnrolledSyncPort(terminal)),
    now: clock,
    operator: () => operator,
    setOperator: (next) => {
      operator = next;
      sessionStartMono = monotonic();
      lastActivityMono = sessionStartMono;
    },
    hardware: options.hardware ?? NO_HARDWARE,
    settings,
    fail: (code, detail, retryAt) => ({ ok: false, error: apiError(code, locale(), detail, retryAt) }),
    emit: (event) => {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          log('event', error);
        }
      }
    },
  };

  const handlers: ChannelHandlers<ApiChannel> = {
    ...sessionHandlers(ctx, monotonic),
    ...cardHandlers(ctx),
    ...historyHandlers(ctx),
    ...statusHandlers(ctx),
    ...settingsHandlers(ctx),
    ...enrolHandlers(ctx),
    ...clockHandlers(ctx),
    ...hardwareHandlers(ctx),
  };
  // Wired devices follow the settings in force, now and after each change (the scanner's port).
  if (options.hardware !== undefined) {
    const { hardware } = options;
    try {
      hardware.configure(settings());
    } catch (error) {
      log('hardware', error);
    }
    listeners.add((event) => {
      if (event.type === 'settings.changed') hardware.configure(event.settings);
    });
  }

  /**
   * Ends a session idle past the site's limit, or a supervisor's past SUPERVISOR_SESSION_MAX_MS,
   * before any call is answered (the status bar's polling finds it too).
   */
  function expireSession(): void {
    if (operator === null) return;
    const now = monotonic();
    if (now - lastActivityMono > idleLimitMs(ctx, operator.role)) endSession(ctx, 'idle');
    else if (operator.role === 'supervisor' && now - sessionStartMono > SUPERVISOR_SESSION_MAX_MS) endSession(ctx, 'time-limit');
  }

  /** A supervisor refused a counter call: said plainly, not as "needs a supervisor". */
  const supervisorAtCounter = (): { ok: false; error: ApiError } => ({
    ok: false,
    error: {
      code: 'FORBIDDEN',
      message:
        locale() === 'zh'
          ? '主管账号只用于设置：核验和登记请由收银员用自己的工号登录'
          : 'The supervisor account is for settings only: an operator signs in to check and record cards',
    },
  });

  async function dispatch<C extends ApiChannel>(channel: C, rawInput: unknown): Promise<ApiResult<C>> {
    expireSession();
    const denied = accessDenied(channel, operator);
    if (denied !== undefined) return denied === 'FORBIDDEN' && operator?.role === 'supervisor' ? supervisorAtCounter() : ctx.fail(denied);
    const schema = API_INPUTS[channel] as unknown as z.ZodType<ApiParsedInput<C>>;
    const parsed = schema.safeParse(rawInput ?? {});
    if (!parsed.success) return ctx.fail('INVALID_INPUT', describeIssues(parsed.error));
    // Only a call let in with valid input is work: a refused one never keeps a session open.
    if (operator !== null && keepsSessionAlive(channel, operator.role)) lastActivityMono = monotonic();
    return await (handlers[channel] as ChannelHandler<C>)(parsed.data);
  }

  async function handle(channel: string, rawInput: unknown): Promise<ApiResult<ApiChannel>> {
    try {
      if (!isApiChannel(channel)) return ctx.fail('INVALID_INPUT', `unknown call "${String(channel).slice(0, 64)}"`);
      return await dispatch(channel, rawInput);
    } catch (error) {
      log(String(channel), error);
      return ctx.fail('INTERNAL', error instanceof Error ? error.message : String(error));
    }
  }

  return {
    handle,
    call: <C extends ApiChannel>(channel: C, input: ApiInput<C>) => handle(channel, input) as Promise<ApiResult<C>>,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settings,
  };
}
