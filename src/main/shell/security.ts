import type * as Electron from 'electron';
import type { Session, WebContents, WebFrameMain } from 'electron';

/**
 * The window's Content-Security-Policy: scripts and styles only from the app itself, no
 * inline script, no eval, no plugins, no framing, no form posts, and network access only
 * back to the app's own origin. PDF labels are previewed from `blob:` URLs.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Creates the one app window: isolated, sandboxed, no Node in the page, middle-click
 * (auxclick) off so a link cannot open a second window. The web preferences are written
 * out in the constructor call so that Electronegativity's static checks can read them.
 */
export function createSecureWindow(
  BrowserWindow: typeof Electron.BrowserWindow,
  preloadPath: string,
): Electron.BrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Packing Station',
    backgroundColor: '#10151c',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/**
 * True when an IPC message comes from the app's own top-level page. A frame on another
 * origin or a sub-frame (an embedded label preview, say) is refused.
 */
export function isTrustedSender(
  frame: WebFrameMain | null | undefined,
  rendererUrl: string,
): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;

  return sameDocument(frame.url, rendererUrl);
}

/** Denies navigation away from the app, new windows, webviews and every permission request. */
export function hardenWebContents(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!sameDocument(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!sameDocument(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Refuses every permission (camera, notifications, HID, serial, ...) the page could ask for. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Adds the CSP header to every response the app's session loads (dev server included). */
export function enforceContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy],
      },
    });
  });
}

/** Compares scheme, host and path, ignoring query and fragment. */
function sameDocument(candidate: string, expected: string): boolean {
  try {
    const a = new URL(candidate);
    const b = new URL(expected);

    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
