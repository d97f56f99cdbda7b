import { Badge } from '@mantine/core';
import type { NotificationStatus } from '@shared/schemas/notification';

const COLORS: Record<NotificationStatus, string> = {
  queued: 'blue',
  sending: 'yellow',
  sent: 'green',
  failed: 'red',
};

export function StatusBadge({ status }: { status: NotificationStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm">
      {status}
    </Badge>
  );
}
