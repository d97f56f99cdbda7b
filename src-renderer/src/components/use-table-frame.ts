import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { markCutCells, useTableTooltip } from './table-tooltip';
import { columnsFor, type Column } from './table-columns';

/** How long the rows must stay still (no scrolling, no loading) before their cut cells are looked for. */
const SETTLE_MS = 150;

/**
 * What EntityTable and PagedTable share around their rows: the container's width (columns with `hideBelow`
 * leave a narrow table), the tooltip of cut cells, and marking the cut cells of the rows on screen focusable
 * once they settle (never while a list scrolls: it reads the layout). `frameRef` goes on the container.
 */
export function useTableFrame<T>(columns: Column<T>[]) {
  const [width, setWidth] = useState(0);
  const container = useRef<HTMLElement | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const frameRef = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    container.current = element;
    if (!element) return;
    observer.current = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.current.observe(element);
  }, []);
  const visible = useMemo(() => columnsFor(columns, width), [columns, width]);
  // After every render of the table: the rows, or their widths, may have changed.
  useEffect(() => {
    const timer = setTimeout(
      () => container.current?.querySelectorAll<HTMLElement>('tbody tr').forEach(markCutCells),
      SETTLE_MS,
    );
    return () => clearTimeout(timer);
  });
  useEffect(() => () => observer.current?.disconnect(), []);
  return { frameRef, columns: visible, ...useTableTooltip() };
}
