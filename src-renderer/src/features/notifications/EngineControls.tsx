import { Badge, Button, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { CheckProgressView, EngineStatusView } from '@shared/schemas/notification';
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

/** A running check: profile i of n, the clients evaluated so far, and Cancel. */
function CheckProgress({ check }: { check: CheckProgressView }) {
  const [asked, setAsked] = useState(false);
  const cancelling = asked || check.state === 'cancelling';
  const cancel = async () => {
    setAsked(true);
    try {
      await api['engine.cancelCheck']({});
    } catch (error) {
      setAsked(false);
      notifyFailure('Could not cancel the check', error);
    }
  };
  const where =
    check.profileIndex > 0
      ? `${check.profileName} (${check.profileIndex} of ${check.profileCount})`
      : 'starting';
  return (
    <Group gap="xs" wrap="nowrap" aria-live="polite">
      <Stack gap={2} miw={180}>
        <Text size="xs" truncate="end" maw={260}>
          {cancelling ? 'Cancelling' : 'Checking'} {where}
        </Text>
        <Progress
          value={check.profileCount ? (100 * Math.max(check.profileIndex - 1, 0)) / check.profileCount : 0}
          size="sm"
          animated
          aria-label={`Check progress: profile ${check.profileIndex} of ${check.profileCount}`}
        />
        <Text size="xs" c="dimmed">
          {check.clientsEvaluated.toLocaleString()} clients evaluated
        </Text>
      </Stack>
      <Button
        variant="light"
        color="red"
        size="xs"
        leftSection={<IconPlayerStop size={14} />}
        loading={cancelling}
        onClick={() => void cancel()}
      >
        Cancel check
      </Button>
    </Group>
  );
}

/** The engine at a glance, with Pause/Resume, `Check all now`, and a running check's progress. */
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
      const { checks, paused, cancelled } = await api['engine.checkNow']({});
      notifySuccess(
        checks.length
          ? describeChecks(checks, paused, cancelled)
          : cancelled
            ? 'Check cancelled: nothing was queued or counted'
            : 'There are no profiles to check',
      );
      onChanged();
    } catch (error) {
      notifyFailure('Check failed', error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Group gap="sm" wrap="nowrap">
      {status?.check && <CheckProgress key={status.check.runId} check={status.check} />}
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
