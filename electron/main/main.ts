import { app, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/data-dir.js';
import { runDetached } from '../core/sync/detached.js';
import { openCounter } from '../counter/open-counter.js';
import { isAppUrl, registerAppScheme, serveRenderer } from './app-protocol.js';
import { forwardApiEvents, registerApiIpc } from './ipc.js';
import { openMainWindow, type MainWindow } from './main-window.js';
import { denyNavigation, lockDownSession } from './window-security.js';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const log = (message: string, error?: unknown) => console.error(`jinka: ${message}`, error ?? '');

/** `--data-dir DIR` (npm start passes the demo's), else JINKA_DATA_DIR or the per-user data folder. */
function dataDirFromArgs(argv: string[]): string {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true });
  const dir = values['data-dir'];
  return typeof dir === 'string' ? resolve(dir) : defaultDataDir(process.env);
}

/** Only the app's own page may call the terminal API (Electron checklist: validate IPC senders). */
const fromAppPage = (event: IpcMainInvokeEvent): boolean => isAppUrl(event.senderFrame?.url);

async function start(): Promise<void> {
  await app.whenReady();
  // The hub sync runs in the background for the life of the app; the devices live on the Node side.
  const { terminal, loop, hardware, service } = openCounter(dataDirFromArgs(process.argv.slice(1)), log);
  loop.start();
  registerApiIpc(ipcMain, service, { isTrustedSender: fromAppPage });
  serveRenderer(here('../../renderer/'));
  lockDownSession(session.defaultSession);

  let main: MainWindow | undefined;
  const open = () => {
    main = openMainWindow({ preloadPath: here('./preload.cjs'), kiosk: service.settings().kiosk, devTools: !app.isPackaged, log });
    const stopEvents = forwardApiEvents(service, main.window.webContents);
    main.window.on('closed', () => {
      stopEvents();
      main = undefined;
    });
  };
  service.onEvent((event) => {
    if (event.type === 'settings.changed') main?.setKiosk(event.settings.kiosk);
  });
  app.on('second-instance', () => {
    if (main === undefined) return;
    if (main.window.isMinimized()) main.window.restore();
    main.window.focus();
  });
  app.on('activate', () => main ?? open());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => runDetached(loop.stop(), (error) => log('sync stop failed', error)));
  app.on('before-quit', () => runDetached(hardware.close(), (error) => log('hardware close failed', error)));
  app.on('will-quit', () => terminal.close());
  open();
}

// One terminal process per machine: the database has one writer, the counter one window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  denyNavigation(app);
  runDetached(start(), (error) => {
    log('could not start', error);
    app.exit(1);
  });
}
