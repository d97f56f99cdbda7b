import { Badge, Group } from '@mantine/core';
import type { ClientRowView } from '@shared/client-views';

const STATE_BADGE = {
  low: { color: 'red', label: 'Low' },
  ok: { color: 'green', label: 'OK' },
  no_rate: { color: 'orange', label: 'No rate' },
  no_profile: { color: 'gray', label: 'No profile' },
} as const;

/**
 * Active or inactive, and where the balance stands against the profile: low,
 * OK, no rate, no profile. `compact` (table rows) shows one badge: the state,
 * or "Inactive" for a client checks skip.
 */
export function ClientStatus({ client, compact = false }: { client: ClientRowView; compact?: boolean }) {
  const state = STATE_BADGE[client.balanceState];
  const activity = client.active ? 'Active' : 'Inactive';
  const detail =
    client.balanceState === 'no_rate'
      ? `cannot compare with the profile: no rate for ${client.missingRateCode ?? 'a currency'}`
      : state.label;
  const activityBadge = (
    <Badge
      variant="light"
      color={client.active ? 'blue' : 'gray'}
      size={compact ? 'sm' : 'md'}
      title={`${activity}, ${detail}`}
    >
      {activity}
    </Badge>
  );
  const stateBadge = (
    <Badge variant="filled" color={state.color} size={compact ? 'sm' : 'md'} title={`${activity}, ${detail}`}>
      {state.label}
    </Badge>
  );
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label="Status">
      {compact ? (
        client.active ? (
          stateBadge
        ) : (
          activityBadge
        )
      ) : (
        <>
          {activityBadge}
          {stateBadge}
        </>
      )}
    </Group>
  );
}
