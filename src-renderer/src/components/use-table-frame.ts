import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { markCutCells, useCellOverflow } from './cell-overflow';
import { columnsFor, type Column } from './table-columns';

/**
 * What EntityTable and PagedTable share around their rows: the container's width (columns with `hideBelow`
 * leave a narrow table), the tooltip of cut cells, and marking cut cells focusable again when the width
 * changes. `frameRef` goes on the table's container.
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
  useEffect(() => {
    container.current?.querySelectorAll<HTMLElement>('tbody tr').forEach(markCutCells);
  }, [width, visible]);
  useEffect(() => () => observer.current?.disconnect(), []);
  return { frameRef, columns: visible, ...useCellOverflow() };
}
