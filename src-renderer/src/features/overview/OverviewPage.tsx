import { Alert, Anchor, Badge, Box, Loader, Paper, SimpleGrid, Skeleton, Stack, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link } from 'wouter';
import type { PeerStatusView } from '@shared/schemas/delivery';
import type { OverviewView, SchedulerState } from '@shared/schemas/overview';
import { lazyComponent } from '../../components/lazy-component';
import { errorMessage } from '../../components/notify';
import { PageLayout } from '../../components/PageLayout';
import { plural } from '../../components/plural';
import { formatDateTime } from '../clients/format';
import { EngineControls } from '../notifications/EngineControls';
import { useEngineStatus } from '../notifications/use-engine-status';
import { GetStarted } from './GetStarted';
import { StatCard } from './StatCard';
import { useOverview } from './use-overview';

/** The chart (and the charting library) loads after the Overview's figures, in its own chunk. */
const DeliveriesChart = lazyComponent(() => import('./DeliveriesChart').then((m) => m.DeliveriesChart));

const SCHEDULER_BADGE: Record<SchedulerState, { color: string; label: string }> = {
  running: { color: 'green', label: 'Running' },
  paused: { color: 'orange', label: 'Paused' },
  'read-only': { color: 'yellow', label: 'Read-only' },
  stopped: { color: 'gray', label: 'Not running' },
};

function schedulerDetail(view: OverviewView): string {
  switch (view.state) {
    case 'running':
      return 'Checks each profile when it is due and sends the outbox';
    case 'paused':
      return 'Nothing is checked or sent until notifications are resumed';
    case 'read-only':
      return `The ${view.readOnly?.holder ?? 'other Lowbal'} checks and sends`;
    case 'stopped':
      return 'Nothing is checked or sent from here';
  }
}

/** What the core says of a channel's server: unreachable (the queue waits), or delivering again. */
function PeerAlert({ peer }: { peer: PeerStatusView }) {
  if (peer.condition === 'unreachable') {
    return (
      <Alert color="red" icon={<IconPlugConnectedX />} title={peer.line} role="status">
        Nothing is lost and no attempt is spent: the queue waits, and Lowbal tries the server again (at least
        once a minute) and delivers as soon as it answers.
        {peer.error && ` It said: ${peer.error}`}
      </Alert>
    );
  }
  return (
    <Alert color="green" icon={<IconPlugConnected />} title={peer.line} role="status">
      What waited during the outage is being delivered.
    </Alert>
  );
}

function OverviewFigures({ view, onChanged }: { view: OverviewView; onChanged: () => void }) {
  const badge = SCHEDULER_BADGE[view.state];
  const last = view.lastCheck;
  return (
    <Stack gap="md">
      {view.delivery
        .filter((peer) => peer.line)
        .map((peer) => (
          <PeerAlert key={peer.channel} peer={peer} />
        ))}
      {view.readOnly && (
        <Alert color="yellow" icon={<IconLock />} title="Read-only here">
          Checks and sending run in the {view.readOnly.holder} since {formatDateTime(view.readOnly.since)}.
          You can look at and change the data here; nothing is checked or sent from here until that one stops,
          then this one takes over.
        </Alert>
      )}
      {!view.smtpConfigured && (
        <Alert color="orange" icon={<IconAlertTriangle />} title="E-mail is not set up">
          Checks queue e-mails, but none can be sent before the SMTP server is filled in.{' '}
          <Anchor component={Link} href="/settings/email">
            Open Settings → E-mail
          </Anchor>
        </Alert>
      )}
      {view.profiles === 0 && <GetStarted onLoaded={onChanged} />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <StatCard
          label="Scheduler"
          value={
            <Badge size="lg" color={badge.color} variant="light">
              {badge.label}
            </Badge>
          }
          detail={schedulerDetail(view)}
        />
        <StatCard
          label="Next check"
          value={view.nextCheckAt === null ? '—' : formatDateTime(view.nextCheckAt)}
          detail={view.nextCheckAt === null ? 'No profile to check' : 'The earliest profile due'}
        />
        <StatCard
          label="Last check"
          value={last ? formatDateTime(last.at) : 'None yet'}
          detail={
            last &&
            `${last.profileName}: ${last.sent} sent, ${last.failed} failed` +
              (last.waiting ? `, ${last.waiting} waiting` : '')
          }
        />
        <StatCard
          label="Queue"
          value={view.queue.waiting}
          detail={
            view.queue.retrying
              ? `${plural(view.queue.retrying, 'e-mail')} waiting for a retry: ${view.queue.lastRetryError ?? ''}`
              : 'E-mails waiting to be sent'
          }
          color={view.queue.retrying ? 'orange' : undefined}
        />
        <StatCard
          label="Failed in the last 24 hours"
          value={view.failedLast24h}
          color={view.failedLast24h ? 'red' : undefined}
          link={{ href: '/notifications/failed', label: 'See the failures' }}
        />
        <StatCard
          label="Clients low now"
          value={view.clientsLowNow}
          detail="Active clients below a threshold of their profile"
          link={{ href: '/clients', label: 'Open Clients' }}
        />
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          E-mails per day, last {view.daily.length} days
        </Title>
        <Suspense fallback={<Skeleton h={240} aria-label="Loading the chart" />}>
          <DeliveriesChart days={view.daily} />
        </Suspense>
      </Paper>
    </Stack>
  );
}

/** The home page: is everything working? The scheduler, the outbox, failures, low clients, 30 days of e-mail. */
export function OverviewPage() {
  const overview = useOverview();
  const engine = useEngineStatus();
  const reload = () => {
    overview.reload();
    engine.reload();
  };
  return (
    <PageLayout title="Overview" actions={<EngineControls status={engine.data} onChanged={reload} />}>
      <Box style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {overview.data ? (
          <OverviewFigures view={overview.data} onChanged={reload} />
        ) : overview.error ? (
          <Alert color="red" title="Could not load the overview">
            {errorMessage(overview.error)}
          </Alert>
        ) : (
          <Loader aria-label="Loading" />
        )}
      </Box>
    </PageLayout>
  );
}
