import { Group, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import type { ClientSortColumn } from '@shared/schemas/client';

export interface SortState {
  column: ClientSortColumn;
  direction: 'asc' | 'desc';
}

/** A column header that sorts by its column; a second click reverses the order. */
export function SortHeader({
  label,
  column,
  sort,
  onSort,
  align = 'left',
}: {
  label: string;
  column: ClientSortColumn;
  sort: SortState;
  onSort: (sort: SortState) => void;
  align?: 'left' | 'right';
}) {
  const active = sort.column === column;
  const Icon = !active ? IconSelector : sort.direction === 'asc' ? IconArrowUp : IconArrowDown;
  const next: SortState = { column, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' };
  return (
    <UnstyledButton
      onClick={() => onSort(next)}
      title={`Sort by ${label}${active ? (sort.direction === 'asc' ? ' (ascending)' : ' (descending)') : ''}`}
      fw={700}
      fz="sm"
      w="100%"
    >
      <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
        {label}
        <Icon size={14} stroke={1.6} aria-hidden opacity={active ? 1 : 0.4} />
      </Group>
    </UnstyledButton>
  );
}
