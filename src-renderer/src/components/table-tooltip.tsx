import { Tooltip } from '@mantine/core';
import { useCallback, useState, type FocusEvent, type PointerEvent, type ReactNode } from 'react';

/** The cells of EntityTable and PagedTable carry this attribute; their text is cut with an ellipsis. */
export const CELL_ATTRIBUTE = 'data-cell';
const CELL = `td[${CELL_ATTRIBUTE}]`;
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** Whether the cell, or an element in it that cuts its own text (a link, a button), shows less than its text. */
export function isCut(cell: HTMLElement): boolean {
  const candidates = [cell, ...cell.querySelectorAll<HTMLElement>('*')];
  // Sizes first: reading them after a paint is cheap, computing styles is not.
  return candidates.some(
    (element) =>
      element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).textOverflow === 'ellipsis',
  );
}

/**
 * Makes the cut cells of `row` that hold nothing focusable reachable with Tab, so the keyboard too can show
 * their whole text.
 */
export function markCutCells(row: HTMLElement): void {
  for (const cell of row.querySelectorAll<HTMLElement>(CELL)) {
    const hasFocusable = cell.querySelector(FOCUSABLE) !== null;
    if (!hasFocusable && isCut(cell)) cell.tabIndex = 0;
    else if (cell.hasAttribute('tabindex')) cell.removeAttribute('tabindex');
  }
}

/** An icon-only control (a row action): its name is what its tooltip says. */
const ICON_CONTROL = 'a[aria-label], button[aria-label]';

/** What the tooltip shows for the element the pointer or the focus is on, and where. */
function tooltipAt(target: EventTarget | null): { anchor: HTMLElement; text: string } | null {
  const cell = target instanceof Element ? target.closest<HTMLElement>(CELL) : null;
  if (!cell) return null;
  const control = (target as Element).closest<HTMLElement>(ICON_CONTROL);
  if (control && cell.contains(control) && !control.textContent?.trim()) {
    return { anchor: control, text: control.getAttribute('aria-label') ?? '' };
  }
  return isCut(cell) ? { anchor: cell, text: cell.innerText.trim() } : null;
}

/**
 * One tooltip for a whole table (rather than one per row, which costs while a long list scrolls): over a
 * row action it says the action's name, over a cell whose text is cut it shows the whole text; on hover,
 * and on keyboard focus (of the action, the cell or the link or button in it). Screen readers get the same
 * from the names and the text, which the ellipsis only hides from sight. Spread `handlers` on the table's
 * container and render `tooltip`.
 */
export function useTableTooltip(): {
  handlers: {
    onPointerOver: (event: PointerEvent) => void;
    onPointerLeave: () => void;
    onFocus: (event: FocusEvent) => void;
    onBlur: (event: FocusEvent) => void;
  };
  tooltip: ReactNode;
} {
  const [shown, setShown] = useState<{ anchor: HTMLElement; text: string } | null>(null);
  const show = useCallback((target: EventTarget | null) => {
    setShown((current) => {
      const next = tooltipAt(target);
      return current && next && current.anchor === next.anchor ? current : next;
    });
  }, []);
  const hide = useCallback(() => setShown(null), []);
  return {
    handlers: {
      onPointerOver: (event) => show(event.target),
      onPointerLeave: hide,
      onFocus: (event) => show(event.target),
      onBlur: (event) => {
        if (!shown?.anchor.contains(event.relatedTarget as Node | null)) hide();
      },
    },
    tooltip: shown && (
      <Tooltip label={shown.text} target={shown.anchor} opened multiline maw={480} position="top-start" />
    ),
  };
}
