import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the window's page comes from: the built renderer file, or electron-vite's dev server. */
export type AppLocation = { kind: 'file'; indexFile: string } | { kind: 'dev'; origin: string };

export function appLocation(options: { indexFile: string; devServerUrl?: string }): AppLocation {
  return options.devServerUrl
    ? { kind: 'dev', origin: new URL(options.devServerUrl).origin }
    : { kind: 'file', indexFile: options.indexFile };
}

export function appEntryUrl(location: AppLocation): string {
  return location.kind === 'dev' ? `${location.origin}/` : pathToFileURL(location.indexFile).href;
}

/** Whether a URL is Lowbal's own page (any route or hash of it), and nothing else. */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return parsed.origin === location.origin;
  return parsed.protocol === 'file:' && parsed.host === '' && fileURLToPath(parsed) === location.indexFile;
}
