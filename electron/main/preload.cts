// Thin preload (CommonJS: sandboxed preloads cannot load ES modules or other files).
// It exposes window.jinka and nothing else; ipcRenderer itself never reaches the page.
import electron = require('electron');
import type { ApiEvent, IPC_CHANNEL_PREFIX, IPC_EVENT_CHANNEL, JinkaBridge } from '../../shared/api/jinka-bridge.js';
import type { ApiChannel, ApiInput, ApiResult } from '../../shared/api/terminal-api.js';

// Literals (a sandboxed preload can require nothing but 'electron'), checked against the contract by type.
const PREFIX: typeof IPC_CHANNEL_PREFIX = 'jinka:';
const EVENTS: typeof IPC_EVENT_CHANNEL = 'jinka:event';
const CHANNEL = /^[a-z]+\.[A-Za-z]+$/;

const bridge: JinkaBridge = {
  call<C extends ApiChannel>(channel: C, input: ApiInput<C>): Promise<ApiResult<C>> {
    if (typeof channel !== 'string' || !CHANNEL.test(channel)) {
      const refused: ApiResult<C> = { ok: false, error: { code: 'INVALID_INPUT', message: 'unknown call' } };
      return Promise.resolve(refused);
    }
    return electron.ipcRenderer.invoke(`${PREFIX}${channel}`, input) as Promise<ApiResult<C>>;
  },
  onEvent(listener) {
    const forward = (_event: electron.IpcRendererEvent, payload: ApiEvent) => listener(payload);
    electron.ipcRenderer.on(EVENTS, forward);
    return () => {
      electron.ipcRenderer.removeListener(EVENTS, forward);
    };
  },
};

electron.contextBridge.exposeInMainWorld('jinka', bridge);
