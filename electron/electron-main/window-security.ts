/**
 * The security defaults of the desktop window: no navigation, no new windows, no permissions,
 * no remote content, and a strict CSP on everything the app protocol serves.
 */
import { app, session, type WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://workbench`;
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function installSessionPolicy(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  // Anything not from the app protocol (http, https, ws to the internet) is refused.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('devtools:') || details.url.startsWith('data:') || details.url.startsWith('blob:');
    callback({ cancel: !ok });
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
}

/** Only our own page may call the API: checked on every IPC message. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return !!frameUrl && frameUrl.startsWith(`${APP_ORIGIN}/`);
}
