import { BrowserWindow, Menu } from 'electron';
import { runDetached } from '../core/sync/detached.js';
import { APP_PAGE } from './app-protocol.js';
import { crashPageUrl } from './error-page.js';
import { restartBudget } from './restart-budget.js';

/** How the counter window is opened. */
export interface MainWindowOptions {
  preloadPath: string;
  kiosk: boolean;
  /** False when packaged: no DevTools on a counter. */
  devTools: boolean;
  log: (message: string, error?: unknown) => void;
}

/** The counter window with its kiosk switch. */
export interface MainWindow {
  window: BrowserWindow;
  setKiosk(kiosk: boolean): void;
}

/**
 * Opens the counter window: isolated, sandboxed, no Node in the page; kiosk mode (full
 * screen, no menu, focus taken back) as the settings say; a crashed renderer is reloaded,
 * at most 3 times in 5 minutes, then an error page says what to do.
 */
export function openMainWindow(options: MainWindowOptions): MainWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: '金卡核验终端',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: options.devTools,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  let kiosk = false;
  const setKiosk = (on: boolean) => {
    kiosk = on;
    window.setKiosk(on);
    window.setFullScreen(on);
    window.setMenuBarVisibility(!on);
  };
  Menu.setApplicationMenu(null);
  setKiosk(options.kiosk);
  // Kiosk: a counter screen that lost focus (a system dialog, a stray click) takes it back.
  window.on('blur', () => {
    if (kiosk && !window.isDestroyed()) setTimeout(() => window.isDestroyed() || window.focus(), 200);
  });
  window.once('ready-to-show', () => window.show());

  const budget = restartBudget();
  window.webContents.on('render-process-gone', (_event, details) => {
    options.log(`renderer gone: ${details.reason} (exit ${details.exitCode})`);
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    if (budget.allow(Date.now())) window.webContents.reload();
    else runDetached(window.loadURL(crashPageUrl(details.reason)), (error) => options.log('crash page failed', error));
  });
  runDetached(window.loadURL(APP_PAGE), (error) => options.log('renderer failed to load', error));
  return { window, setKiosk };
}
