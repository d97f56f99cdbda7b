/**
 * Measurements that run inside the page (passed to `page.evaluate`), so they
 * time what the browser does, not the round trips of the driver. They only
 * use the DOM: the lists are `<table aria-label=…>` whose data rows carry
 * `aria-rowindex` (2 for the first row; the table's `aria-rowcount` is the
 * number of rows + 1) while rows still loading do not.
 */

export interface FirstRowsInput {
  /** The hash route of the list, e.g. `#/profiles`. */
  route: string;
  /** A route to leave for first, so the list mounts afresh. */
  awayRoute: string;
  awayHeading: string;
  table: string;
  timeoutMs: number;
}

/** Milliseconds from navigating to the list until its first data row is on screen (the next frame). */
export async function timeToFirstRows(input: FirstRowsInput): Promise<number> {
  const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const until = async (ready: () => boolean, what: string) => {
    const deadline = performance.now() + input.timeoutMs;
    while (!ready()) {
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await nextFrame();
    }
  };
  const headingShown = () =>
    [...document.querySelectorAll('h2')].some((heading) => heading.textContent === input.awayHeading);
  location.hash = input.awayRoute;
  await until(headingShown, input.awayHeading);
  await nextFrame();

  const selector = `table[aria-label="${input.table}"] tbody tr[aria-rowindex]`;
  const start = performance.now();
  const shown = new Promise<void>((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  location.hash = input.route;
  await Promise.race([
    shown,
    new Promise((_resolve, reject) =>
      setTimeout(() => reject(new Error(`no rows in ${input.table}`)), input.timeoutMs),
    ),
  ]);
  await nextFrame();
  return performance.now() - start;
}

export interface ScrollInput {
  table: string;
  /** Scrolling speed: this many rows further down on every frame. */
  rowsPerFrame: number;
  /** At most this many frames (the scroll stops earlier at the end of the list). */
  maxFrames: number;
  timeoutMs: number;
}

export interface ScrollTimings {
  rows: number;
  /** Frame intervals (ms) of the same page at rest, just before scrolling: the baseline of smoothness. */
  idleFrameIntervals: number[];
  /** Frame intervals (ms) while the list is scrolled down at a steady speed, one step per frame. */
  frameIntervals: number[];
  /** From jumping to the very end (from the top) until the last row is on screen. */
  lastRowsMs: number;
}

/** Scrolls the list down at a steady speed, then jumps from the top to the end and waits for the last row. */
export async function scrollThrough(input: ScrollInput): Promise<ScrollTimings> {
  const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const IDLE_FRAMES = 30;
  const table = document.querySelector<HTMLTableElement>(`table[aria-label="${input.table}"]`);
  if (!table) throw new Error(`no table ${input.table}`);
  // The list's own scroll container (a short list fits in it and does not move).
  let scroller: HTMLElement | null = table.parentElement;
  while (scroller && !/auto|scroll/.test(getComputedStyle(scroller).overflowY))
    scroller = scroller.parentElement;
  if (!scroller) throw new Error(`${input.table} has no scroll container`);
  const rows = Number(table.getAttribute('aria-rowcount')) - 1;
  const bottom = scroller.scrollHeight - scroller.clientHeight;

  const step =
    input.rowsPerFrame * (table.querySelector<HTMLElement>('tbody tr[aria-rowindex]')?.offsetHeight ?? 0);

  const idleFrameIntervals: number[] = [];
  let previous = await nextFrame();
  for (let frame = 1; frame <= IDLE_FRAMES; frame++) {
    const now = await nextFrame();
    idleFrameIntervals.push(now - previous);
    previous = now;
  }

  const frameIntervals: number[] = [];
  for (let frame = 1; frame <= input.maxFrames; frame++) {
    scroller.scrollTop = Math.min(bottom, step * frame);
    const now = await nextFrame();
    frameIntervals.push(now - previous);
    previous = now;
    if (step * frame >= bottom) break;
  }

  scroller.scrollTop = 0;
  await nextFrame();
  await nextFrame();
  const lastRow = `tr[aria-rowindex="${rows + 1}"]`;
  const start = performance.now();
  scroller.scrollTop = scroller.scrollHeight;
  const deadline = start + input.timeoutMs;
  while (!table.querySelector(lastRow)) {
    if (performance.now() > deadline) throw new Error(`the last row of ${input.table} never showed`);
    await nextFrame();
  }
  return { rows, idleFrameIntervals, frameIntervals, lastRowsMs: performance.now() - start };
}
