import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { median } from '../report/timing';

/** The page the app's first content is compared with: one line of text, nothing to load. */
const BLANK_PAGE = '<!doctype html><html lang="en"><title>Blank</title><p id="content">Blank page</p></html>';

/** A local HTTP server of the blank page, so both pages come over the same kind of connection. */
export async function serveBlankPage(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(BLANK_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Written into the page before any of its own scripts: the time since navigation started (performance.now())
 * of the first frame in which `selector` matches. A string, not a function: tsx would add helpers to a function
 * that the page does not have.
 */
const firstContentScript = (selector: string) => `(() => {
  const selector = ${JSON.stringify(selector)};
  const observer = new MutationObserver(seen);
  function seen() {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstContentMs = performance.now(); });
  }
  observer.observe(document, { childList: true, subtree: true });
})();`;

export interface FirstContent {
  /** Until the first frame showing the content. */
  contentMs: number;
  /** The browser's first contentful paint (for the app: its shell, before the content). */
  firstPaintMs: number;
  /** JavaScript the browser fetched until the content showed. */
  scriptBytes: number;
}

/**
 * Opens `url` in a fresh browser context (an empty cache) and times it until `selector` shows.
 * Script sizes are the bodies the browser received (the host sends them uncompressed).
 */
async function openOnce(browser: Browser, url: string, selector: string, timeoutMs: number) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript({ content: firstContentScript(selector) });
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(
          response.body().then(
            (body) => body.length,
            () => 0,
          ),
        );
      }
    });
    await page.goto(url);
    await page.waitForFunction(() => '__firstContentMs' in window, null, { timeout: timeoutMs });
    const times = await page.evaluate(
      `({ content: window.__firstContentMs,
          paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN })`,
    );
    const { content, paint } = times as { content: number; paint: number };
    const bytes = (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0);
    return { contentMs: content, firstPaintMs: paint, scriptBytes: bytes };
  } finally {
    await context.close();
  }
}

/**
 * The app's first content against the blank page, in the same browser: `repetitions` cold openings of each,
 * taking turns; the median of each.
 */
export async function timeFirstContent(
  browser: Browser,
  pages: { app: { url: string; selector: string }; blank: { url: string } },
  repetitions: number,
  timeoutMs: number,
): Promise<{ app: FirstContent; blank: FirstContent }> {
  const app: FirstContent[] = [];
  const blank: FirstContent[] = [];
  // One opening of each first, not counted: the browser's own start-up work.
  await openOnce(browser, pages.blank.url, '#content', timeoutMs);
  await openOnce(browser, pages.app.url, pages.app.selector, timeoutMs);
  for (let run = 0; run < repetitions; run++) {
    blank.push(await openOnce(browser, pages.blank.url, '#content', timeoutMs));
    app.push(await openOnce(browser, pages.app.url, pages.app.selector, timeoutMs));
  }
  const summary = (runs: FirstContent[]): FirstContent => ({
    contentMs: median(runs.map((r) => r.contentMs)),
    firstPaintMs: median(runs.map((r) => r.firstPaintMs)),
    scriptBytes: median(runs.map((r) => r.scriptBytes)),
  });
  return { app: summary(app), blank: summary(blank) };
}

export interface BuiltScripts {
  /** What index.html loads before anything is shown: its module script and the chunks it preloads. */
  initialBytes: number;
  initialFiles: string[];
  /** Every JavaScript file of the built renderer. */
  allBytes: number;
  allFiles: number;
}

/** The JavaScript of the built renderer (`out/renderer`), read from its index.html and assets. */
export function builtScripts(rendererDir: string): BuiltScripts {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const initialFiles = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1].replace(/^\.?\//, ''));
  const size = (file: string) => fs.statSync(path.join(rendererDir, file)).size;
  const assets = fs
    .readdirSync(path.join(rendererDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  return {
    initialBytes: initialFiles.reduce((sum, file) => sum + size(file), 0),
    initialFiles,
    allBytes: assets.reduce((sum, file) => sum + size(file), 0),
    allFiles: assets.length,
  };
}
