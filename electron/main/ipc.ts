import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcChannelName, IPC_EVENT_CHANNEL } from '../../shared/api/jinka-bridge.js';
import { API_CHANNELS, type ApiChannel, type ApiResult } from '../../shared/api/terminal-api.js';
import { apiError } from '../api/api-error-text.js';
import type { TerminalService } from '../api/terminal-service.js';

/** The part of ipcMain the wiring uses (a test passes a fake). */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Who may call: by default every sender; main.ts allows only the app's own page. */
export interface ApiIpcOptions {
  isTrustedSender?: (event: IpcMainInvokeEvent) => boolean;
}

/**
 * Registers one `ipcMain.handle` per API channel, generated from API_CHANNELS
 * (`jinka:<channel>`), each delegating to the terminal service. Returns the unregister.
 */
export function registerApiIpc(ipcMain: IpcMainLike, service: Pick<TerminalService, 'handle'>, options: ApiIpcOptions = {}): () => void {
  const trusted = options.isTrustedSender ?? (() => true);
  for (const channel of API_CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), (event, input: unknown): Promise<ApiResult<ApiChannel>> => {
      // Electron checklist: validate the sender of every IPC message.
      if (!trusted(event)) return Promise.resolve({ ok: false, error: apiError('FORBIDDEN', 'zh', 'untrusted sender') });
      return service.handle(channel, input);
    });
  }
  return () => {
    for (const channel of API_CHANNELS) ipcMain.removeHandler(ipcChannelName(channel));
  };
}

/** Forwards the service's pushed events to a window while it lives; returns the unsubscribe. */
export function forwardApiEvents(service: Pick<TerminalService, 'onEvent'>, contents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  return service.onEvent((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
}
