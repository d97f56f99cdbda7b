import { Badge, Group } from '@mantine/core';
import type { ClientRowView } from '../../../../src-main/shared/client-views';

const STATE_BADGE = {
  low: { color: 'red', label: 'Low' },
  ok: { color: 'green', label: 'OK' },
  no_rate: { color: 'orange', label: 'No rate' },
  no_profile: { color: 'gray', label: 'No profile' },
} as const;

/**
 * Active or inactive, and where the balance stands against the profile: low,
 * OK, no rate, no profile. `compact` (for table rows) names only an inactive client's activity.
 */
export function ClientStatus({ client, compact = false }: { client: ClientRowView; compact?: boolean }) {
  const state = STATE_BADGE[client.balanceState];
  const title =
    client.balanceState === 'no_rate'
      ? `Cannot compare with the profile: no rate for ${client.missingRateCode ?? 'a currency'}`
      : undefined;
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label="Status">
      {!(compact && client.active) && (
        <Badge variant="light" color={client.active ? 'blue' : 'gray'} size={compact ? 'sm' : 'md'}>
          {client.active ? 'Active' : 'Inactive'}
        </Badge>
      )}
      <Badge variant="filled" color={state.color} title={title} size={compact ? 'sm' : 'md'}>
        {state.label}
      </Badge>
    </Group>
  );
}
