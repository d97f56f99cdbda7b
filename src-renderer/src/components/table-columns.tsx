import { Table } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

/** One column of an EntityTable or PagedTable. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** CSS width (the tables use a fixed layout). */
  width?: number | string;
  align?: 'left' | 'right' | 'center';
}

export function TableHeadRow<T>({ columns }: { columns: Column<T>[] }) {
  return (
    <Table.Tr>
      {columns.map((column) => (
        <Table.Th key={column.key} style={{ width: column.width, textAlign: column.align }}>
          {column.header}
        </Table.Th>
      ))}
    </Table.Tr>
  );
}

const ellipsisCell: CSSProperties = {
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

export function TableCells<T>({ columns, row }: { columns: Column<T>[]; row: T }) {
  return columns.map((column) => (
    <Table.Td key={column.key} style={{ ...ellipsisCell, textAlign: column.align }}>
      {column.render(row)}
    </Table.Td>
  ));
}
