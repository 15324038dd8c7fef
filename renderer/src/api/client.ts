import { createHttpApi, tokenFromFragment } from '../../../shared/api/http-client.js';
import type { ApiEvent, JinkaBridge } from '../../../shared/api/jinka-bridge.js';
import type { JinkaApi } from '../../../shared/api/terminal-api.js';

declare global {
  interface Window {
    /** The terminal API exposed by the Electron preload (absent in browser mode). */
    jinka?: JinkaBridge;
  }
}

/** The terminal API on whichever transport this page runs over: Electron IPC, else the local HTTP bridge. */
export function createClient(): JinkaApi {
  if (window.jinka !== undefined) return window.jinka;
  // Browser mode: the bridge's per-launch token arrives in the URL fragment, which is never sent to a server.
  return createHttpApi(location.origin, tokenFromFragment(location.hash) ?? '');
}

/** Listens to what the main process pushes (Electron only); returns the unsubscribe. */
export function onTerminalEvent(listener: (event: ApiEvent) => void): () => void {
  return window.jinka?.onEvent(listener) ?? (() => undefined);
}
