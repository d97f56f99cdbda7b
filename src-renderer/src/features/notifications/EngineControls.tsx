import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { EngineStatusView } from '@shared/schemas/notification';
import { api } from '../../api';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../clients/format';
import { describeChecks } from './describe-checks';

function stateBadge(status: EngineStatusView) {
  if (status.paused) return <Badge color="orange">Paused</Badge>;
  if (!status.smtpConfigured) return <Badge color="gray">E-mail not set up</Badge>;
  if (!status.running) return <Badge color="gray">Not sending from here</Badge>;
  return <Badge color="green">Running</Badge>;
}

/** The engine at a glance, with Pause/Resume and `Check all now`. */
export function EngineControls({
  status,
  onChanged,
}: {
  status: EngineStatusView | undefined;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState<'pause' | 'check' | null>(null);

  const togglePause = async () => {
    if (!status) return;
    setBusy('pause');
    try {
      const next = status.paused ? await api['engine.resume']({}) : await api['engine.pause']({});
      notifySuccess(
        next.paused ? 'Notifications paused: nothing is checked or sent' : 'Notifications resumed',
      );
      onChanged();
    } catch (error) {
      notifyFailure('Could not change the pause', error);
    } finally {
      setBusy(null);
    }
  };

  const checkAll = async () => {
    setBusy('check');
    try {
      const { checks, paused } = await api['engine.checkNow']({});
      notifySuccess(checks.length ? describeChecks(checks, paused) : 'There are no profiles to check');
      onChanged();
    } catch (error) {
      notifyFailure('Check failed', error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Group gap="sm" wrap="nowrap">
      {status && (
        <Tooltip
          label={`Next check ${status.nextCheckAt ? formatDateTime(status.nextCheckAt) : '—'}; ${status.queue.queued} queued, ${status.queue.failed} failed`}
        >
          <Group gap={6} wrap="nowrap">
            {stateBadge(status)}
            <Text size="xs" c="dimmed" visibleFrom="md">
              {status.queue.queued} queued · {status.queue.failed} failed
            </Text>
          </Group>
        </Tooltip>
      )}
      <Button
        variant="default"
        leftSection={status?.paused ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
        loading={busy === 'pause'}
        disabled={!status}
        onClick={() => void togglePause()}
      >
        {status?.paused ? 'Resume notifications' : 'Pause notifications'}
      </Button>
      <Button
        leftSection={<IconRefresh size={16} />}
        loading={busy === 'check'}
        onClick={() => void checkAll()}
      >
        Check all now
      </Button>
    </Group>
  );
}
