import { Table } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { CELL_ATTRIBUTE } from './table-tooltip';

/** One column of an EntityTable or PagedTable. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** CSS width (the tables use a fixed layout, so widths never move while rows load or scroll by). */
  width?: number | string;
  align?: 'left' | 'right' | 'center';
  /** Left out when the table is narrower than this (px): a column the row's other cells or its page repeat. */
  hideBelow?: number;
}

/**
 * The width of a list's name column: names of up to about 30 characters show whole at the default font
 * size; a longer one is cut, and shown whole on hover and focus.
 */
export const NAME_COLUMN_WIDTH = 240;

/** The columns that fit a table `width` px wide (all of them before it is measured). */
export function columnsFor<T>(columns: Column<T>[], width: number): Column<T>[] {
  return width === 0 ? columns : columns.filter((column) => !column.hideBelow || width >= column.hideBelow);
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
    <Table.Td
      key={column.key}
      {...{ [CELL_ATTRIBUTE]: '' }}
      style={{ ...ellipsisCell, textAlign: column.align }}
    >
      {column.render(row)}
    </Table.Td>
  ));
}
