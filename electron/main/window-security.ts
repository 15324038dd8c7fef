import type { App, Session } from 'electron';
import { RENDERER_CSP } from '../renderer-host/security-headers.js';
import { isAppUrl } from './app-protocol.js';

/**
 * Electron security checklist for the session: the camera (video only) for the app's own
 * page and nothing else; no other permission or device; the CSP on every answer; and no
 * network at all from the renderer (the terminal decides offline; nothing comes from a CDN).
 */
export function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const videoOnly = media.length > 0 && media.every((type) => type === 'video');
    callback(permission === 'media' && videoOnly && isAppUrl(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && isAppUrl(requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) => callback({ cancel: true }));
}

/** Every web contents: navigation, new windows and <webview> are refused (the app is one page). */
export function denyNavigation(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
