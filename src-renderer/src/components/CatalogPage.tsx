import { Alert, Button, Loader, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { capitalized } from './capitalized';
import { confirmDelete } from './confirm-delete';
import { EmptyState } from './EmptyState';
import { EntityTable } from './EntityTable';
import { focusedRowControl, returnFocus, type FocusTarget } from './focus-return';
import { errorMessage } from './notify';
import { PageLayout } from './PageLayout';
import { DeleteButton, EditLink } from './RowActions';
import { SearchInput } from './SearchInput';
import { useApiData } from './use-api-data';
import { NAME_COLUMN_WIDTH, type Column } from './table-columns';

export interface CatalogFormProps<T> {
  /** null for a new record. */
  row: T | null;
  onClose: () => void;
  onSaved: (saved: T) => void;
}

/**
 * A list + pop-up form screen for a short catalog (resellers, users,
 * currencies): search, a table whose first column opens the edit form, a
 * delete per row with confirmation, and an empty state.
 */
export function CatalogPage<T extends { id: number }>({
  title,
  noun,
  load,
  nameOf,
  nameHeader = 'Name',
  columns,
  Form,
  remove,
  deleteConsequence,
  emptyText,
}: {
  title: string;
  /** Singular, lower case, e.g. `reseller`. */
  noun: string;
  load: (search: string | undefined) => Promise<T[]>;
  nameOf: (row: T) => string;
  nameHeader?: string;
  /** The columns after the name. */
  columns: Column<T>[];
  Form: (props: CatalogFormProps<T>) => ReactNode;
  remove: (row: T) => Promise<unknown>;
  deleteConsequence?: (row: T) => ReactNode;
  emptyText: ReactNode;
}) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const list = useApiData(useCallback(() => load(query || undefined), [load, query]));
  const [editing, setEditing] = useState<{ row: T | null } | null>(null);
  const newLabel = `New ${capitalized(noun)}`;
  // Keyboard focus goes back to the row a dialog was opened from (or the saved row, or New …).
  const newButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<FocusTarget | null>(null);
  const focusBack = (target: FocusTarget | null) => returnFocus(target, () => newButton.current);
  const edit = (row: T | null) => {
    returnTo.current = focusedRowControl();
    setEditing({ row });
  };

  const allColumns: Column<T>[] = [
    {
      key: 'name',
      header: nameHeader,
      width: NAME_COLUMN_WIDTH,
      render: (row) => <EditLink name={nameOf(row)} onClick={() => edit(row)} />,
    },
    ...columns,
    {
      key: 'actions',
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      width: 56,
      align: 'center',
      render: (row) => (
        <DeleteButton
          label={`Delete ${noun} ${nameOf(row)}`}
          onClick={() => {
            const target = focusedRowControl();
            confirmDelete({
              noun,
              name: nameOf(row),
              consequence: deleteConsequence?.(row),
              remove: () => remove(row),
              onDeleted: list.reload,
              onClosed: () => focusBack(target),
            });
          }}
        />
      ),
    },
  ];

  let content: ReactNode;
  if (list.error) {
    content = (
      <Alert color="red" title={`Could not load ${title.toLowerCase()}`} role="alert">
        {errorMessage(list.error)}
        <Button variant="light" size="xs" ml="md" onClick={list.reload}>
          Retry
        </Button>
      </Alert>
    );
  } else if (!list.data) {
    content = <Loader aria-label="Loading" />;
  } else {
    content = (
      <EntityTable
        label={title}
        columns={allColumns}
        rows={list.data}
        busy={list.loading}
        rowKey={(row) => row.id}
        empty={
          query ? (
            <EmptyState title={`No matching ${title.toLowerCase()}`}>Nothing matches “{query}”.</EmptyState>
          ) : (
            <EmptyState
              title={`No ${title.toLowerCase()} yet`}
              actions={<Button onClick={() => edit(null)}>{newLabel}</Button>}
            >
              {emptyText}
            </EmptyState>
          )
        }
      />
    );
  }

  return (
    <PageLayout
      title={title}
      actions={
        <Button ref={newButton} leftSection={<IconPlus size={18} />} onClick={() => edit(null)}>
          {newLabel}
        </Button>
      }
      toolbar={
        <SearchInput value={search} onChange={setSearch} placeholder={`Search ${title.toLowerCase()}`} />
      }
    >
      {content}
      {editing && (
        <Form
          row={editing.row}
          onClose={() => {
            setEditing(null);
            focusBack(returnTo.current);
          }}
          onSaved={(saved) => {
            setEditing(null);
            list.reload();
            focusBack({ rowKey: String(saved.id), control: nameOf(saved) });
          }}
        />
      )}
    </PageLayout>
  );
}
