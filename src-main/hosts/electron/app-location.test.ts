import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appEntryUrl, appLocation, isAppUrl } from './app-location';
import { appMenuTemplate } from './app-menu';

const indexFile = path.resolve('/opt/lowbal/out/renderer/index.html');

describe('isAppUrl', () => {
  it('accepts the built index.html with any hash or query, and nothing else on file://', () => {
    const file = appLocation({ indexFile });
    expect(appEntryUrl(file)).toBe(pathToFileURL(indexFile).href);
    expect(isAppUrl(`${pathToFileURL(indexFile).href}#/profiles`, file)).toBe(true);
    expect(isAppUrl(`${pathToFileURL(indexFile).href}?x=1`, file)).toBe(true);
    expect(isAppUrl(pathToFileURL(path.resolve('/etc/passwd')).href, file)).toBe(false);
    expect(isAppUrl(pathToFileURL(path.resolve('/opt/lowbal/out/renderer/other.html')).href, file)).toBe(
      false,
    );
    expect(isAppUrl('https://example.com/', file)).toBe(false);
    expect(isAppUrl('not a url', file)).toBe(false);
  });

  it('accepts only the dev server’s origin in development', () => {
    const dev = appLocation({ indexFile, devServerUrl: 'http://localhost:5173/' });
    expect(appEntryUrl(dev)).toBe('http://localhost:5173/');
    expect(isAppUrl('http://localhost:5173/#/profiles', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl(pathToFileURL(indexFile).href, dev)).toBe(false);
  });
});

describe('appMenuTemplate', () => {
  it('offers Quit, and developer tools only in development', () => {
    const linux = JSON.stringify(appMenuTemplate({ platform: 'linux', dev: false }));
    expect(linux).toContain('"role":"quit"');
    expect(linux).not.toContain('toggleDevTools');
    expect(JSON.stringify(appMenuTemplate({ platform: 'linux', dev: true }))).toContain('toggleDevTools');
    expect(JSON.stringify(appMenuTemplate({ platform: 'darwin', dev: false }))).toContain('"role":"appMenu"');
  });
});
