import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { TableCells, TableHeadRow, type Column } from './table-columns';
import { useTableFrame } from './use-table-frame';

/** A table of a short list held in memory (resellers, users, currencies). */
export function EntityTable<T>({
  label,
  columns,
  rows,
  rowKey,
  empty,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  empty: ReactNode;
}) {
  const frame = useTableFrame(columns);
  if (rows.length === 0) return <>{empty}</>;
  return (
    <Box ref={frame.frameRef} style={{ flex: 1, minHeight: 0, overflow: 'auto' }} {...frame.handlers}>
      <Table stickyHeader highlightOnHover aria-label={label} style={{ tableLayout: 'fixed' }}>
        <Table.Thead>
          <TableHeadRow columns={frame.columns} />
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              <TableCells columns={frame.columns} row={row} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {frame.tooltip}
    </Box>
  );
}
