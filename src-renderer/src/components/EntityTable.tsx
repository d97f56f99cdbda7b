import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { ROW_KEY_ATTRIBUTE } from './focus-return';
import { TableCells, TableHeadRow, type Column } from './table-columns';
import { useTableFrame } from './use-table-frame';

/** A table of a short list held in memory (resellers, users, currencies). */
export function EntityTable<T>({
  label,
  columns,
  rows,
  rowKey,
  empty,
  busy = false,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  empty: ReactNode;
  /** The rows are being loaded again (they stay on screen meanwhile). */
  busy?: boolean;
}) {
  const frame = useTableFrame(columns);
  if (rows.length === 0) return <>{empty}</>;
  return (
    <Box ref={frame.frameRef} style={{ flex: 1, minHeight: 0, overflow: 'auto' }} {...frame.handlers}>
      <Table
        stickyHeader
        highlightOnHover
        aria-label={label}
        aria-busy={busy}
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <TableHeadRow columns={frame.columns} />
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={rowKey(row)} aria-rowindex={index + 2} {...{ [ROW_KEY_ATTRIBUTE]: rowKey(row) }}>
              <TableCells columns={frame.columns} row={row} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {frame.tooltip}
    </Box>
  );
}
