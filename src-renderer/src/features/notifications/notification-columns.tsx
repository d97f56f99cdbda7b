import { Anchor, Group, Text, Tooltip } from '@mantine/core';
import { TEMPLATE_KIND_LABELS } from '@shared/template-kinds';
import { RULE_KIND_LABELS } from '@shared/schemas/mail';
import type { NotificationRowView } from '@shared/schemas/notification';
import type { Column } from '../../components/table-columns';
import { formatDateTime } from '../clients/format';
import { StatusBadge } from './StatusBadge';

/** Quiet hours still hold it: queued, never tried, due at the window's opening (SPEC §7). */
export const heldNow = (n: NotificationRowView) =>
  n.status === 'queued' && n.heldUntil !== null && n.attempts === 0;

/** The history's columns; the subject opens the e-mail's details. */
export function notificationColumns(
  onOpen: (row: NotificationRowView) => void,
): Column<NotificationRowView>[] {
  return [
    { key: 'created', header: 'Created', width: 140, render: (n) => formatDateTime(n.createdAt) },
    {
      key: 'status',
      header: 'Status',
      width: 150,
      render: (n) => (
        <Group gap={4} wrap="nowrap">
          <StatusBadge status={n.status} />
          {heldNow(n) && (
            <Text span size="xs" c="dimmed">
              held until {formatDateTime(n.heldUntil!)}
            </Text>
          )}
        </Group>
      ),
    },
    { key: 'client', header: 'Client', width: 200, render: (n) => n.clientName },
    { key: 'profile', header: 'Profile', width: 160, render: (n) => n.profileName },
    // The subject and the details say which rule; a narrow window leaves the column out.
    {
      key: 'rule',
      header: 'Rule',
      width: 150,
      hideBelow: 1200,
      render: (n) =>
        n.kind === 'recovery'
          ? `${TEMPLATE_KIND_LABELS.recovery} (${RULE_KIND_LABELS[n.ruleKind]})`
          : RULE_KIND_LABELS[n.ruleKind],
    },
    { key: 'recipient', header: 'Recipient', render: (n) => n.recipient },
    {
      key: 'subject',
      header: 'Subject',
      render: (n) => (
        <Anchor component="button" type="button" size="sm" onClick={() => onOpen(n)} maw="100%" truncate>
          {n.subject}
        </Anchor>
      ),
    },
    {
      key: 'attempts',
      header: 'Attempts',
      width: 84,
      align: 'right',
      render: (n) =>
        n.lastError ? (
          <Tooltip label={n.lastError} multiline maw={420}>
            <Text span size="sm" c={n.status === 'failed' ? 'red' : undefined}>
              {n.attempts}
            </Text>
          </Tooltip>
        ) : (
          n.attempts
        ),
    },
  ];
}
