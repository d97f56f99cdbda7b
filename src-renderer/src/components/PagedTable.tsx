import { Alert, Box, Button, Skeleton, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMergedRef } from '@mantine/hooks';
import { memo, useEffect, useRef, type ReactNode } from 'react';
import { ROW_KEY_ATTRIBUTE } from './focus-return';
import { errorMessage } from './notify';
import { TableCells, TableHeadRow, type Column } from './table-columns';
import { usePagedRows, type FetchPage } from './use-paged-rows';
import { useTableFrame } from './use-table-frame';

export interface PagedTableProps<T> {
  /** Accessible name of the table, e.g. "Profiles". */
  label: string;
  columns: Column<T>[];
  fetchPage: FetchPage<T>;
  /** The current search; a new one reloads from the first row. */
  query: string;
  /** Bump to reload in place (after a save or a delete). */
  reloadToken: number;
  rowKey: (row: T) => string | number;
  /** Shown instead of the table when the list is empty. */
  empty: ReactNode;
  pageSize?: number;
  rowHeight?: number;
}

/**
 * A table over a server-side list of any length: only the rows in view are
 * rendered, and their pages are fetched as they scroll into view. Fills the
 * height of its parent (which must have one, e.g. a flex child).
 */
export function PagedTable<T>({
  label,
  columns: allColumns,
  fetchPage,
  query,
  reloadToken,
  rowKey,
  empty,
  pageSize = 100,
  rowHeight = 44,
}: PagedTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { frameRef, columns, handlers, tooltip } = useTableFrame(allColumns);
  const containerRef = useMergedRef(scrollRef, frameRef);
  const rows = usePagedRows(fetchPage, `${reloadToken}\u0000${query}`, pageSize);
  const count = rows.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Rows are costly to mount (Mantine cells and controls): a few beyond the view are enough.
    overscan: 5,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;

  const { requestRows, error } = rows;
  useEffect(() => {
    if (!error) requestRows(first, last);
  }, [requestRows, first, last, error]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [query]);

  if (rows.error) {
    return (
      <Alert color="red" title={`Could not load ${label.toLowerCase()}`} role="alert">
        <Text size="sm" mb="sm">
          {errorMessage(rows.error)}
        </Text>
        <Button variant="light" size="xs" onClick={rows.retry}>
          Retry
        </Button>
      </Alert>
    );
  }
  if (rows.total === 0 && rows.current) return <>{empty}</>;

  const paddingTop = items.length ? items[0].start : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <Box ref={containerRef} style={{ flex: 1, minHeight: 0, overflow: 'auto' }} {...handlers}>
      <Table
        stickyHeader
        highlightOnHover
        aria-label={label}
        aria-rowcount={count + 1}
        aria-busy={rows.total === null || !rows.current}
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <TableHeadRow columns={columns} />
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && <tr aria-hidden style={{ height: paddingTop }} />}
          {rows.total === null && <LoadingRow columns={columns.length} height={rowHeight} />}
          {items.map((item) => {
            const row = rows.rowAt(item.index);
            if (row === undefined) {
              return <LoadingRow key={`loading-${item.index}`} columns={columns.length} height={rowHeight} />;
            }
            return (
              <DataRow
                key={rowKey(row)}
                rowKey={rowKey(row)}
                row={row}
                index={item.index}
                columns={columns}
                height={rowHeight}
              />
            );
          })}
          {paddingBottom > 0 && <tr aria-hidden style={{ height: paddingBottom }} />}
        </Table.Tbody>
      </Table>
      {tooltip}
    </Box>
  );
}

interface DataRowProps<T> {
  rowKey: string | number;
  row: T;
  index: number;
  columns: Column<T>[];
  height: number;
}

/**
 * A loaded row. Memoized: while the list scrolls, the rows already on screen
 * are not rendered again, only those that come into view.
 */
const DataRow = memo(function DataRow<T>({ rowKey, row, index, columns, height }: DataRowProps<T>) {
  return (
    <Table.Tr aria-rowindex={index + 2} {...{ [ROW_KEY_ATTRIBUTE]: rowKey }} style={{ height }}>
      <TableCells columns={columns} row={row} />
    </Table.Tr>
  );
}) as <T>(props: DataRowProps<T>) => ReactNode;

function LoadingRow({ columns, height }: { columns: number; height: number }) {
  return (
    <Table.Tr style={{ height }}>
      <Table.Td colSpan={columns}>
        <Skeleton height={12} radius="sm" aria-label="Loading" />
      </Table.Td>
    </Table.Tr>
  );
}
