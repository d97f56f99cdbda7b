import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { TableCells, TableHeadRow, type Column } from './table-columns';

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
  if (rows.length === 0) return <>{empty}</>;
  return (
    <Box style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
      <Table stickyHeader highlightOnHover aria-label={label} style={{ tableLayout: 'fixed' }}>
        <Table.Thead>
          <TableHeadRow columns={columns} />
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              <TableCells columns={columns} row={row} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
