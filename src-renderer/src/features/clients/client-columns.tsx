import { Anchor, Checkbox, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'wouter';
import type { ClientRowView } from '@shared/client-views';
import { displayAmount } from '@shared/money';
import { DeleteButton } from '../../components/RowActions';
import { NAME_COLUMN_WIDTH, type Column } from '../../components/table-columns';
import { ClientStatus } from './ClientStatus';
import { formatDate, formatDateTime } from './format';
import { SortHeader, type SortState } from './SortHeader';

export interface ClientColumnOptions {
  sort: SortState;
  onSort: (sort: SortState) => void;
  selected: ReadonlySet<number>;
  onToggle: (client: ClientRowView) => void;
  /** The header checkbox: none, some or all of the matching clients are selected. */
  selection: 'none' | 'some' | 'all';
  onToggleAll: () => void;
  onDelete: (client: ClientRowView) => void;
}

const amount = (units: number, code: string) => displayAmount(units, code);
const AMOUNT_WIDTH = 112;

/** The Clients list's columns: a selection box, the sortable data columns, and delete. */
export function clientColumns(options: ClientColumnOptions): Column<ClientRowView>[] {
  const { sort, onSort } = options;
  const sortable = (
    key: string,
    label: string,
    column: SortState['column'],
    render: Column<ClientRowView>['render'],
    width?: number | string,
    align?: 'right',
  ): Column<ClientRowView> => ({
    key,
    header: <SortHeader label={label} column={column} sort={sort} onSort={onSort} align={align} />,
    render,
    width,
    align,
  });
  return [
    {
      key: 'select',
      header: (
        <Checkbox
          aria-label={options.selection === 'none' ? 'Select all matching clients' : 'Clear the selection'}
          checked={options.selection === 'all'}
          indeterminate={options.selection === 'some'}
          onChange={options.onToggleAll}
        />
      ),
      width: 40,
      render: (client) => (
        <Checkbox
          aria-label={`Select ${client.name}`}
          checked={options.selected.has(client.id)}
          onChange={() => options.onToggle(client)}
        />
      ),
    },
    sortable(
      'name',
      'Name',
      'name',
      (client) => (
        <Anchor component={Link} href={`/clients/${client.id}`} size="sm" fw={500}>
          {client.name}
        </Anchor>
      ),
      NAME_COLUMN_WIDTH,
    ),
    sortable('reseller', 'Reseller', 'reseller', (client) => client.resellerName, 168),
    // Every amount carries its currency code: narrow windows leave this column (and Credit) out.
    { ...sortable('currency', 'Currency', 'currency', (client) => client.currencyCode, 84), hideBelow: 1250 },
    sortable(
      'balance',
      'Balance',
      'balance',
      (c) => amount(c.balance, c.currencyCode),
      AMOUNT_WIDTH,
      'right',
    ),
    {
      ...sortable('credit', 'Credit', 'credit', (c) => amount(c.credit, c.currencyCode), 104, 'right'),
      hideBelow: 1100,
    },
    sortable(
      'available',
      'Available',
      'available',
      (c) => amount(c.available, c.currencyCode),
      AMOUNT_WIDTH,
      'right',
    ),
    sortable(
      'profile',
      'Profile',
      'profile',
      (client) =>
        client.profileName ?? (
          <Text span size="sm" c="dimmed">
            None
          </Text>
        ),
    ),
    sortable(
      'lastCharge',
      'Last charge',
      'lastChargeAt',
      (client) =>
        client.lastChargeAt === null ? (
          <Text span size="sm" c="dimmed">
            Never
          </Text>
        ) : (
          <span title={formatDateTime(client.lastChargeAt)}>{formatDate(client.lastChargeAt)}</span>
        ),
      104,
    ),
    sortable('status', 'Status', 'status', (client) => <ClientStatus client={client} compact />, 104),
    {
      key: 'actions',
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      width: 48,
      align: 'center',
      render: (client) => (
        <DeleteButton label={`Delete client ${client.name}`} onClick={() => options.onDelete(client)} />
      ),
    },
  ];
}
