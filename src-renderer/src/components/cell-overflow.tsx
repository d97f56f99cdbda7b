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

/**
 * One tooltip for a whole table: a cell whose text is cut shows it whole while the pointer is over it or
 * it (or the link or button in it) has keyboard focus. Screen readers read the whole text anyway: the
 * ellipsis only hides it from sight. Spread `handlers` on the table's container and render `tooltip`.
 */
export function useCellOverflow(): {
  handlers: {
    onPointerOver: (event: PointerEvent) => void;
    onPointerLeave: () => void;
    onFocus: (event: FocusEvent) => void;
    onBlur: (event: FocusEvent) => void;
  };
  tooltip: ReactNode;
} {
  const [shown, setShown] = useState<{ cell: HTMLElement; text: string } | null>(null);
  const show = useCallback((target: EventTarget | null) => {
    const cell = target instanceof Element ? target.closest<HTMLElement>(CELL) : null;
    setShown((current) => {
      if (current?.cell === cell) return current;
      if (!cell || !isCut(cell)) return null;
      return { cell, text: cell.innerText.trim() };
    });
  }, []);
  const hide = useCallback(() => setShown(null), []);
  return {
    handlers: {
      onPointerOver: (event) => show(event.target),
      onPointerLeave: hide,
      onFocus: (event) => show(event.target),
      onBlur: (event) => {
        if (!shown?.cell.contains(event.relatedTarget as Node | null)) hide();
      },
    },
    tooltip: shown && (
      <Tooltip label={shown.text} target={shown.cell} opened multiline maw={480} position="top-start" />
    ),
  };
}
