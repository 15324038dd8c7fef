import type { OperatorView, TerminalSettings } from './api-types.js';
import type { ApiChannel, JinkaApi } from './terminal-api.js';

/** What the main process pushes to the window without being asked (Electron only; the HTTP bridge has no events). */
export type ApiEvent =
  | { type: 'session.changed'; operator: OperatorView | null }
  | { type: 'settings.changed'; settings: TerminalSettings };

/** `window.jinka` in Electron: the API plus pushed events; `onEvent` returns its unsubscribe. */
export interface JinkaBridge extends JinkaApi {
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** Prefix of every IPC channel: call `card.verify` travels as `jinka:card.verify`. */
export const IPC_CHANNEL_PREFIX = 'jinka:';

/** The one channel pushed events travel on. */
export const IPC_EVENT_CHANNEL = 'jinka:event';

/** The IPC channel name of an API call. */
export function ipcChannelName<C extends ApiChannel>(channel: C): `jinka:${C}` {
  return `${IPC_CHANNEL_PREFIX}${channel}`;
}
