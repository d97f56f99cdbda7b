import { Alert, Button, Drawer, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { displayAmount } from '@shared/money';
import { RULE_KIND_LABELS } from '@shared/schemas/mail';
import { api } from '../../api';
import { errorMessage, notifyFailure, notifySuccess } from '../../components/notify';
import { useApiData } from '../../components/use-api-data';
import { formatDateTime } from '../clients/format';
import { EmailPreview } from './EmailPreview';
import { StatusBadge } from './StatusBadge';
import { heldNow } from './notification-columns';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** One e-mail of the history: its recipients, what it said, and how its delivery went. */
export function NotificationDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useApiData(useCallback(() => api['notifications.get']({ id }), [id]));
  const [retrying, setRetrying] = useState(false);
  const n = detail.data;
  const pending = n?.status === 'queued' || n?.status === 'sending';
  const { reload } = detail;

  // While the e-mail waits in the outbox, its status is refreshed.
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(reload, 2_000);
    return () => clearInterval(timer);
  }, [pending, reload]);

  const retry = async () => {
    setRetrying(true);
    try {
      await api['notifications.retry']({ ids: [id] });
      notifySuccess('The e-mail is queued again');
      detail.reload();
      onChanged();
    } catch (error) {
      notifyFailure('Could not retry', error);
    } finally {
      setRetrying(false);
    }
  };

  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title="Notification">
      {detail.error ? (
        <Alert color="red" title="Could not load the notification">
          {errorMessage(detail.error)}
        </Alert>
      ) : !n ? (
        <Loader aria-label="Loading" />
      ) : (
        <Stack gap="md">
          <Group justify="space-between">
            <StatusBadge status={n.status} />
            {n.status === 'failed' && (
              <Button leftSection={<IconRefresh size={16} />} loading={retrying} onClick={() => void retry()}>
                Retry
              </Button>
            )}
          </Group>
          <SimpleGrid cols={3} spacing="sm">
            <Fact label="Client">{n.clientName}</Fact>
            <Fact label="Profile">{n.profileName}</Fact>
            <Fact label="Rule">{RULE_KIND_LABELS[n.ruleKind]}</Fact>
            <Fact label="Available balance">{displayAmount(n.available, n.currencyCode)}</Fact>
            <Fact label="Threshold">
              {n.threshold === null ? '—' : displayAmount(n.threshold, n.currencyCode)}
            </Fact>
            <Fact label="Notice">{n.count}</Fact>
            <Fact label="Created">{formatDateTime(n.createdAt)}</Fact>
            <Fact label="Sent">{n.sentAt ? formatDateTime(n.sentAt) : '—'}</Fact>
            <Fact label="Attempts">{n.attempts}</Fact>
          </SimpleGrid>
          {heldNow(n) && <Text size="sm">Quiet hours: held until {formatDateTime(n.heldUntil!)}</Text>}
          {n.nextAttemptAt !== null && n.attempts > 0 && (
            <Text size="sm">Next attempt {formatDateTime(n.nextAttemptAt)}</Text>
          )}
          {n.lastError && (
            <Alert
              color={n.status === 'failed' ? 'red' : 'yellow'}
              title={n.status === 'sent' ? 'Earlier error' : 'Last error'}
            >
              {n.lastError}
            </Alert>
          )}
          <div>
            <Text size="sm" fw={600} mb={4}>
              Recipients
            </Text>
            <Table withTableBorder aria-label="Recipients">
              <Table.Tbody>
                {n.recipients.map((r) => (
                  <Table.Tr key={r.id} fw={r.id === n.id ? 600 : undefined}>
                    <Table.Td>{r.recipient}</Table.Td>
                    <Table.Td w={100}>
                      <StatusBadge status={r.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <EmailPreview subject={n.subject} textBody={n.textBody} htmlBody={n.htmlBody} />
        </Stack>
      )}
    </Drawer>
  );
}
