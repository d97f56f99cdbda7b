import { Badge, Table, Text } from '@mantine/core';
import type { ClientPageView } from '@shared/client-views';
import { formatDuration } from '@shared/duration';
import { displayAmount } from '@shared/money';
import { formatDateTime } from './format';

/** The client's profile: its rules that are on, whether each matches now, and the Max Qty counters. */
export function ClientRules({ page }: { page: ClientPageView }) {
  const { profile, rules, client } = page;
  if (!profile) {
    return (
      <Text size="sm" c="dimmed">
        No Low Balance Profile is assigned, so nothing watches this client. Choose one with Edit, or with
        Assign profile in the Clients list.
      </Text>
    );
  }
  const maxQty = profile.maxQty === 0 ? 'no limit' : String(profile.maxQty);
  return (
    <>
      <Text size="sm" mb="xs">
        <strong>{profile.name}</strong> ({profile.resellerName}) · {profile.currencyCode} · checked every{' '}
        {formatDuration(profile.period)} · Max Qty {maxQty}
        {!client.active && ' · this client is inactive, so checks skip it'}
      </Text>
      {rules.length === 0 ? (
        <Text size="sm" c="dimmed">
          Every rule of this profile is off (no threshold).
        </Text>
      ) : (
        <Table aria-label="Rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th ta="right">Threshold</Table.Th>
              <Table.Th>Inactivity</Table.Th>
              <Table.Th>Now</Table.Th>
              <Table.Th ta="right">Sent / Max Qty</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((rule) => (
              <Table.Tr key={rule.ruleId}>
                <Table.Td>{rule.label}</Table.Td>
                <Table.Td ta="right">
                  {rule.threshold === null ? '—' : displayAmount(rule.threshold, profile.currencyCode)}
                </Table.Td>
                <Table.Td>{rule.inactivity ? formatDuration(rule.inactivity) : '—'}</Table.Td>
                <Table.Td>
                  <Badge color={rule.matches ? 'red' : 'gray'} variant="light" mr="xs">
                    {rule.matches ? 'Matches' : 'No match'}
                  </Badge>
                  <Text span size="xs" c="dimmed">
                    {rule.reason}
                  </Text>
                </Table.Td>
                <Table.Td
                  ta="right"
                  title={rule.lastNotifiedAt ? `Last sent ${formatDateTime(rule.lastNotifiedAt)}` : undefined}
                >
                  {rule.sent} / {maxQty}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
