import type { ApiErrorCode, OperatorView } from '../../shared/api/api-types.js';
import { API_INPUTS, PASSIVE_CHANNELS, PUBLIC_CHANNELS, SUPERVISOR_CHANNELS, type ApiChannel } from '../../shared/api/terminal-api.js';

/** True when the name is a call of the contract (names come from outside: IPC, HTTP paths). */
export function isApiChannel(name: unknown): name is ApiChannel {
  return typeof name === 'string' && Object.hasOwn(API_INPUTS, name);
}

/**
 * Whether a call counts as work at the counter and so restarts the idle time: any call that
 * needs sign-in. Public calls (the status bar polls status.get) and passive ones (the serial
 * scanner's long-poll) never keep a session open.
 */
export function keepsSessionAlive(channel: ApiChannel): boolean {
  return !PUBLIC_CHANNELS.includes(channel) && !PASSIVE_CHANNELS.includes(channel);
}

/** Who may make a call: public calls anyone, the rest a signed-in operator, settings changes a supervisor. Undefined when allowed. */
export function accessDenied(channel: ApiChannel, operator: OperatorView | null): ApiErrorCode | undefined {
  if (PUBLIC_CHANNELS.includes(channel)) return undefined;
  if (operator === null) return 'NOT_SIGNED_IN';
  if (SUPERVISOR_CHANNELS.includes(channel) && operator.role !== 'supervisor') return 'FORBIDDEN';
  return undefined;
}
