import type { ApiErrorCode, OperatorView, Role } from '../../shared/api/api-types.js';
import { API_INPUTS, OPERATOR_CHANNELS, PASSIVE_CHANNELS, PUBLIC_CHANNELS, SUPERVISOR_CHANNELS, type ApiChannel } from '../../shared/api/terminal-api.js';

/** True when the name is a call of the contract (names come from outside: IPC, HTTP paths). */
export function isApiChannel(name: unknown): name is ApiChannel {
  return typeof name === 'string' && Object.hasOwn(API_INPUTS, name);
}

/**
 * Whether a call (already allowed, its input valid) counts as work and so restarts the idle
 * time: for an operator any call that needs sign-in, for a supervisor only supervisor calls.
 * Public calls (the status bar polls status.get) and passive ones (the serial scanner's
 * long-poll) never keep a session open.
 */
export function keepsSessionAlive(channel: ApiChannel, role: Role): boolean {
  if (PUBLIC_CHANNELS.includes(channel) || PASSIVE_CHANNELS.includes(channel)) return false;
  // A supervisor's session is for settings: only their work there (and the hub section's sync
  // calls) keeps it open, so the supervisor role cannot be kept alive by counter calls.
  return role === 'operator' || SUPERVISOR_CHANNELS.includes(channel) || channel.startsWith('sync.');
}

/**
 * Who may make a call: public calls anyone, the rest a signed-in operator, settings changes a
 * supervisor, and scanning or recording cards an operator only. Undefined when allowed.
 */
export function accessDenied(channel: ApiChannel, operator: OperatorView | null): ApiErrorCode | undefined {
  if (PUBLIC_CHANNELS.includes(channel)) return undefined;
  if (operator === null) return 'NOT_SIGNED_IN';
  if (SUPERVISOR_CHANNELS.includes(channel) && operator.role !== 'supervisor') return 'FORBIDDEN';
  if (OPERATOR_CHANNELS.includes(channel) && operator.role === 'supervisor') return 'FORBIDDEN';
  return undefined;
}
