import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../../e2e/support/host';
import playwrightConfig from '../../playwright.config';
import { ensureBuild } from '../../scripts/ensure-build';
import { DATABASE_FILE_NAME } from '../../src-main/core/db/open-database';
import type { BenchContext } from '../bench-context';
import { generateDataset } from '../dataset/generate-dataset';
import { PROJECT_ROOT } from '../../scripts/project-root';
import {
  formatBytes,
  formatDuration,
  formatNumber,
  timeAgainstBaseline,
  plural,
  type ScenarioRecorder,
  type ScenarioResult,
} from '../report/bench-report';
import { median, quantile } from '../report/timing';
import { builtScripts, serveBlankPage, timeFirstContent } from './first-content';
import { scrollThrough, timeToFirstRows, type ScrollTimings } from './list-timings';

/** Cold openings of the Overview and of the blank page, each; the median of each is compared. */
const FIRST_CONTENT_REPETITIONS = 9;

const METHOD = `The headless host (\`npm run serve\`, started as the end-to-end tests start it) serves a generated database
to Chromium (found and launched as in \`playwright.config.ts\`), once with a few rows and once with many. For each
list, the page leaves for another section and comes back; the time from navigating to the list until its first rows
are on screen is measured in the page (median of the repetitions). Then the list is scrolled down three rows a frame
(about 8,000 px/s, four times a wheel spun fast) for at most 120 frames, recording the frame intervals, which are compared with those of the same page
at rest just before; finally the list jumps from the top to the very end, timing until its last row shows.
The built renderer's JavaScript is weighed: what index.html loads before the first paint (its module script and
the chunks it preloads) against every chunk. On the small database, the Overview is opened cold (a fresh browser
context, so an empty cache) and timed from navigation until the first frame that shows its first figure, against a
one-line blank page served from 127.0.0.1 and opened the same way in the same Chromium, taking turns (median of ${FIRST_CONTENT_REPETITIONS} each).`;

/**
 * The scroll test: three rows (132 px) further on every frame, about 8,000 px a second, some four times a
 * mouse wheel spun fast; for at most two seconds.
 */
const ROWS_PER_FRAME = 3;
const MAX_FRAMES = 120;
const TIMEOUT_MS = 30_000;
/** tsx names functions with an `__name` helper that the page does not have; the measurements need it. */
const NAME_HELPER = 'window.__name = (target) => target;';

interface ListFigures {
  firstRowsMs: number;
  scroll: ScrollTimings;
}

interface ListSpec {
  label: string;
  route: string;
  table: string;
  rows: (size: 'small' | 'large') => number;
}

async function measureList(page: Page, list: ListSpec, repetitions: number): Promise<ListFigures> {
  const times: number[] = [];
  for (let run = 0; run < repetitions; run++) {
    times.push(
      await page.evaluate(timeToFirstRows, {
        route: list.route,
        awayRoute: '#/currencies',
        awayHeading: 'Currencies',
        table: list.table,
        timeoutMs: TIMEOUT_MS,
      }),
    );
  }
  const scroll = await page.evaluate(scrollThrough, {
    table: list.table,
    rowsPerFrame: ROWS_PER_FRAME,
    maxFrames: MAX_FRAMES,
    timeoutMs: TIMEOUT_MS,
  });
  return { firstRowsMs: median(times), scroll };
}

/** Opens the app on a database of `profiles` profiles and `clients` clients and measures both lists. */
async function measureDataset(
  bench: BenchContext,
  browser: Browser,
  size: 'small' | 'large',
  lists: ListSpec[],
  alsoOnThisHost?: (host: RunningHost) => Promise<void>,
): Promise<Map<ListSpec, ListFigures>> {
  const sizes = bench.sizes.renderer;
  const dataDir = bench.scratch(`renderer-${size}`);
  await generateDataset(path.join(dataDir, DATABASE_FILE_NAME), {
    clients: sizes.clients[size],
    profiles: sizes.profiles[size],
    resellers: Math.min(20, sizes.profiles[size]),
  });
  const host = await startHost({ dataDir });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await context.addInitScript({ content: NAME_HELPER });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.locator('#root').locator('h2').first().waitFor();
    const figures = new Map<ListSpec, ListFigures>();
    for (const list of lists) figures.set(list, await measureList(page, list, sizes.repetitions));
    await alsoOnThisHost?.(host);
    return figures;
  } finally {
    await context.close();
    await host.stop();
  }
}

function recordList(recorder: ScenarioRecorder, list: ListSpec, small: ListFigures, large: ListFigures) {
  const rows = (size: 'small' | 'large') => `${formatNumber(list.rows(size))} ${list.label}`;
  const p95 = (figures: ListFigures) => quantile(figures.scroll.frameIntervals, 0.95);
  for (const [size, figures] of [
    ['small', small],
    ['large', large],
  ] as const) {
    const long = figures.scroll.frameIntervals.filter((ms) => ms > 50).length;
    recorder.figure(`${list.label} list, ${rows(size)}: first rows`, formatDuration(figures.firstRowsMs));
    recorder.figure(
      `${list.label} list, ${rows(size)}: scrolling ${ROWS_PER_FRAME} rows a frame (${figures.scroll.frameIntervals.length} frames)`,
      `median frame ${formatDuration(median(figures.scroll.frameIntervals))}, p95 ${formatDuration(p95(figures))}, ` +
        `${long} over 50 ms`,
    );
    recorder.figure(
      `${list.label} list, ${rows(size)}: last rows after jumping to the end`,
      formatDuration(figures.scroll.lastRowsMs),
    );
  }
  recorder.check(
    `the ${list.label} list holds every row`,
    small.scroll.rows === list.rows('small') && large.scroll.rows === list.rows('large'),
    `${formatNumber(small.scroll.rows)} and ${formatNumber(large.scroll.rows)} rows, last row shown`,
  );
  recorder.goal(
    timeAgainstBaseline(
      `${list.label} list: time to first rows, ${rows('large')} against ${rows('small')}`,
      large.firstRowsMs,
      small.firstRowsMs,
      2,
    ),
  );
  const idle = median(large.scroll.idleFrameIntervals);
  recorder.goal({
    label: `${list.label} list: p95 frame while scrolling ${rows('large')}, against the page's frame at rest`,
    basis: `${formatDuration(p95(large))} vs ${formatDuration(idle)}`,
    // Frame intervals are whole display frames give or take a timer tick: compare in tenths of a frame.
    value: Math.round((10 * p95(large)) / idle) / 10,
    unit: '×',
    comparison: 'at most',
    limit: 2,
  });
}

/** The first content of the Overview: its first figure (the scheduler's state), drawn from the API's answer. */
const OVERVIEW_CONTENT = '[role="group"][aria-label="Scheduler"]';

/**
 * The Overview's first content against the blank page before the renderer was split into chunks (the best of
 * three quick runs on the bench machine; `BEFORE_SPLITTING` has the figures); the goal is to be no worse.
 */
const FIRST_CONTENT_RATIO_BEFORE = 16.2;

const BEFORE_SPLITTING = `Before the renderer was split into chunks (issue 15; three runs of the same measurement on the same
machine): all 2.93 MB of JavaScript in one file loaded before the first paint (initial against all: 1.00×); the
blank page's first content 44.0–46.8 ms, the Overview's first contentful paint 584–588 ms and its first content
756–778 ms, i.e. 16.15×, 16.66× and 17.68× the blank page.`;

function recordScripts(recorder: ScenarioRecorder): void {
  const scripts = builtScripts(path.join(PROJECT_ROOT, 'out/renderer'));
  recorder.figure(
    'JavaScript loaded before the first paint (index.html and its preloads)',
    `${formatBytes(scripts.initialBytes)} in ${plural(scripts.initialFiles.length, 'file')}`,
  );
  recorder.figure(
    'JavaScript of the whole renderer',
    `${formatBytes(scripts.allBytes)} in ${plural(scripts.allFiles, 'file')}`,
  );
  recorder.goal({
    label: 'initial JavaScript against all JavaScript of the renderer',
    basis: `${formatBytes(scripts.initialBytes)} vs ${formatBytes(scripts.allBytes)}`,
    value: scripts.initialBytes / scripts.allBytes,
    unit: '×',
    comparison: 'at most',
    limit: 0.4,
  });
}

async function measureFirstContent(
  recorder: ScenarioRecorder,
  browser: Browser,
  host: RunningHost,
  repetitions: number,
): Promise<void> {
  const blankPage = await serveBlankPage();
  try {
    const { app, blank } = await timeFirstContent(
      browser,
      { app: { url: host.url, selector: OVERVIEW_CONTENT }, blank: { url: blankPage.url } },
      repetitions,
      TIMEOUT_MS,
    );
    recorder.figure('blank page: first content (cold cache)', formatDuration(blank.contentMs));
    recorder.figure(
      'Overview: first contentful paint (the app shell), cold cache',
      formatDuration(app.firstPaintMs),
    );
    recorder.figure('Overview: first content (its first figure), cold cache', formatDuration(app.contentMs));
    recorder.figure('Overview: JavaScript fetched until its first content', formatBytes(app.scriptBytes));
    recorder.goal(
      timeAgainstBaseline(
        "Overview's first content against a blank page's, cold cache, no worse than before code splitting",
        app.contentMs,
        blank.contentMs,
        FIRST_CONTENT_RATIO_BEFORE,
      ),
    );
  } finally {
    await blankPage.close();
  }
}

export async function runRendererScenario(bench: BenchContext): Promise<ScenarioResult> {
  const sizes = bench.sizes.renderer;
  const recorder = bench.recorder('renderer', 'Renderer', METHOD);
  ensureBuild();
  const lists: ListSpec[] = [
    { label: 'profiles', route: '#/profiles', table: 'Profiles', rows: (size) => sizes.profiles[size] },
    { label: 'clients', route: '#/clients', table: 'Clients', rows: (size) => sizes.clients[size] },
  ];
  const browser = await chromium.launch({ ...playwrightConfig.use?.launchOptions, headless: true });
  try {
    recorder.note(BEFORE_SPLITTING.replace(/\n/g, ' '));
    recordScripts(recorder);
    const small = await measureDataset(bench, browser, 'small', lists, (host) =>
      measureFirstContent(recorder, browser, host, FIRST_CONTENT_REPETITIONS),
    );
    const large = await measureDataset(bench, browser, 'large', lists);
    for (const list of lists) recordList(recorder, list, small.get(list)!, large.get(list)!);
  } finally {
    await browser.close();
  }
  return recorder.result;
}
