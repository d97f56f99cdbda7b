import { Badge, Group, Pagination, Table, Text } from '@mantine/core';
import type { BalanceEventView } from '@shared/client-views';
import { displayAmount } from '@shared/money';
import type { Page } from '@shared/views';
import { formatDateTime } from './format';

const KIND = {
  payment: { label: 'Payment', color: 'green' },
  charge: { label: 'Charge', color: 'orange' },
  adjustment: { label: 'Adjustment', color: 'grape' },
} as const;

/** The client's balance events, newest first, a page at a time. */
export function EventHistory({
  events,
  currencyCode,
  page,
  pageSize,
  onPage,
}: {
  events: Page<BalanceEventView>;
  currencyCode: string;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  if (events.total === 0) {
    return (
      <Text size="sm" c="dimmed">
        No balance events yet. Payments, charges and adjustments appear here.
      </Text>
    );
  }
  const pages = Math.ceil(events.total / pageSize);
  return (
    <>
      <Table striped aria-label="Balance history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>At</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th ta="right">Balance after</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.rows.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>{formatDateTime(event.at)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={KIND[event.kind].color}>
                  {KIND[event.kind].label}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                {event.amount > 0 ? '+' : ''}
                {displayAmount(event.amount, currencyCode)}
              </Table.Td>
              <Table.Td ta="right">{displayAmount(event.balanceAfter, currencyCode)}</Table.Td>
              <Table.Td>{event.note}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && (
        <Group justify="flex-end" mt="sm">
          <Pagination total={pages} value={page} onChange={onPage} size="sm" aria-label="History pages" />
        </Group>
      )}
    </>
  );
}
