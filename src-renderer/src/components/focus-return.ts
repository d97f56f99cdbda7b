/**
 * Keyboard focus back to a table row after a dialog closes. Lists reload after a save or a delete and
 * virtual rows come and go, so the control is found again by its row's key and its name, once the dialog
 * is gone and the table has its fresh rows; a row that was deleted leaves focus on the row that took its
 * place (or the one before, or `fallback`).
 */

/** The attribute EntityTable and PagedTable put on each data row: the row's key. */
export const ROW_KEY_ATTRIBUTE = 'data-row-key';

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), [tabindex]:not([tabindex="-1"])';
/** How long to wait for the dialog to close and the list to reload. */
const TIMEOUT_MS = 5_000;
/** How long the page must stay settled (no dialog, no list loading) before focus is left alone. */
const WATCH_MS = 500;

export interface FocusTarget {
  rowKey: string;
  /** The control's accessible name (aria-label, else its text); the row's first control when absent. */
  control?: string;
  /** The row's place in its table (aria-rowindex), for when the row is gone. */
  rowIndex?: number;
  table?: HTMLTableElement;
}

const nameOf = (element: Element) => element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';

/** The row control `element` is (the one that opens a dialog), to come back to it afterwards. */
export function focusTargetOf(element: Element | null | undefined): FocusTarget | null {
  const row = element?.closest(`tr[${ROW_KEY_ATTRIBUTE}]`);
  if (!element || !row) return null;
  return {
    rowKey: row.getAttribute(ROW_KEY_ATTRIBUTE)!,
    control: nameOf(element),
    rowIndex: Number(row.getAttribute('aria-rowindex')) || undefined,
    table: row.closest('table') ?? undefined,
  };
}

/** The row control that has focus now (what a dialog about to open will return to). */
export const focusedRowControl = (): FocusTarget | null => focusTargetOf(document.activeElement);

function controlIn(row: Element, name: string | undefined): HTMLElement | null {
  const controls = [...row.querySelectorAll<HTMLElement>(FOCUSABLE)];
  return controls.find((control) => name !== undefined && nameOf(control) === name) ?? controls[0] ?? null;
}

function findTarget(target: FocusTarget | null, fallback: () => HTMLElement | null): HTMLElement | null {
  if (!target) return fallback();
  const row = document.querySelector(`tr[${ROW_KEY_ATTRIBUTE}="${CSS.escape(target.rowKey)}"]`);
  if (row) return controlIn(row, target.control);
  if (target.table?.isConnected && target.rowIndex !== undefined) {
    for (const index of [target.rowIndex, target.rowIndex - 1]) {
      const neighbour = target.table.querySelector(`tr[${ROW_KEY_ATTRIBUTE}][aria-rowindex="${index}"]`);
      if (neighbour) return controlIn(neighbour, undefined);
    }
  }
  return fallback();
}

/** Whether a dialog is still open, or a list is still loading its rows. */
const unsettled = () =>
  document.querySelector('[role="dialog"]') !== null ||
  document.querySelector('table[aria-busy="true"]') !== null;

/**
 * Focuses `target` (`fallback` when null) once no dialog is open and the lists have their rows (given up
 * after a few seconds). For a moment after that it keeps it there: a reload that was only starting may
 * replace the element, or bring the row that was not there yet, unless the operator has moved on.
 */
export function returnFocus(
  target: FocusTarget | null,
  fallback: () => HTMLElement | null = () => null,
): void {
  const deadline = performance.now() + TIMEOUT_MS;
  let focused: HTMLElement | null = null;
  let settledSince: number | null = null;
  const attempt = () => {
    const now = performance.now();
    if (now > deadline) return;
    if (unsettled()) {
      settledSince = null;
      requestAnimationFrame(attempt);
      return;
    }
    settledSince ??= now;
    const active = document.activeElement;
    // The first time, focus is taken over from wherever the dialog left it; afterwards only kept.
    const ours = focused === null || !active || active === document.body || active === focused;
    const candidate = findTarget(target, fallback);
    if (ours && candidate && candidate !== active) {
      candidate.focus({ preventScroll: true });
      candidate.scrollIntoView({ block: 'nearest' });
      focused = candidate;
    }
    if (now - settledSince < WATCH_MS) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
