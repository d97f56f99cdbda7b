import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Suspense, useCallback, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { ClientPageView } from '@shared/client-views';
import { convertAmount, displayAmount, formatRate, RATE_DECIMALS } from '@shared/money';
import { api } from '../../api';
import { errorMessage, notifyFailure } from '../../components/notify';
import { lazyComponent } from '../../components/lazy-component';
import { useApiData } from '../../components/use-api-data';
import { BalanceEventModal, type BalanceAction } from './BalanceEventModal';
import { loadClientOptions, type ClientOptions } from './client-options';
import { ClientFormModal } from './ClientFormModal';
import { ClientRules } from './ClientRules';
import { ClientStatus } from './ClientStatus';
import { deleteClient } from './delete-client';
import { EventHistory } from './EventHistory';
import { formatDateTime } from './format';

/** The chart (and the charting library) loads only when a client page shows it. */
const BalanceChart = lazyComponent(() => import('./BalanceChart').then((m) => m.BalanceChart));

const EVENTS_PER_PAGE = 20;
/** A rate of 1, as rates are stored (× 10^8). */
const RATE_ONE = 10 ** RATE_DECIMALS;

/** One figure of the client, named for assistive technology and tests by its label. */
function Figure({ label, value, detail }: { label: string; value: string; detail?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed" mt={4}>
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** The available balance in the profile's currency, with the rate used, or why it cannot be converted. */
function conversionText(page: ClientPageView): ReactNode {
  const { conversion, client } = page;
  if (!conversion) return page.profile ? "In the profile's currency" : undefined;
  if (!conversion.ok)
    return (
      <Text span c="orange" size="xs">
        Cannot convert to {conversion.currencyCode}: {conversion.message}
      </Text>
    );
  const crossRate = formatRate(convertAmount(RATE_ONE, conversion.fromRateE8, conversion.toRateE8));
  return `= ${displayAmount(conversion.available, conversion.currencyCode)} in the profile's currency (1 ${client.currencyCode} = ${crossRate} ${conversion.currencyCode})`;
}

/** A client's page: its figures, profile and rules, balance chart and history, and the balance actions. */
export function ClientPage({ id }: { id: number }) {
  const [, navigate] = useLocation();
  const [eventsPage, setEventsPage] = useState(1);
  const [action, setAction] = useState<BalanceAction | null>(null);
  const [editOptions, setEditOptions] = useState<ClientOptions | null>(null);
  const [opening, setOpening] = useState(false);
  const load = useCallback(
    () =>
      api['clients.get']({
        id,
        events: { offset: (eventsPage - 1) * EVENTS_PER_PAGE, limit: EVENTS_PER_PAGE },
      }),
    [id, eventsPage],
  );
  const data = useApiData(load);

  const back = (
    <Anchor component={Link} href="/clients" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> Clients
      </Group>
    </Anchor>
  );
  if (data.error && !data.data) {
    return (
      <Stack>
        {back}
        <Alert color="red" title="Could not load the client" role="alert">
          {errorMessage(data.error)}
          <Button variant="light" size="xs" ml="md" onClick={data.reload}>
            Retry
          </Button>
        </Alert>
      </Stack>
    );
  }
  if (!data.data) return <Loader aria-label="Loading" />;

  const page = data.data;
  const { client } = page;
  const code = client.currencyCode;
  const openEdit = async () => {
    setOpening(true);
    try {
      setEditOptions(await loadClientOptions());
    } catch (error) {
      notifyFailure('Could not open the client form', error);
    } finally {
      setOpening(false);
    }
  };

  return (
    <Stack gap="md" pb="xl">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{client.name}</Title>
            <ClientStatus client={client} />
          </Group>
          <Text size="sm" c="dimmed">
            {client.resellerName} · {code}
            {client.billingEmail ? ` · ${client.billingEmail}` : ' · no billing e-mail'} · last charge{' '}
            {client.lastChargeAt === null ? 'never' : formatDateTime(client.lastChargeAt)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button onClick={() => setAction('payment')}>Record payment</Button>
          <Button variant="light" onClick={() => setAction('charge')}>
            Record charge
          </Button>
          <Button variant="light" onClick={() => setAction('adjust')}>
            Adjust balance
          </Button>
          <Button variant="default" loading={opening} onClick={() => void openEdit()}>
            Edit
          </Button>
          <Button
            variant="subtle"
            color="red"
            onClick={() => void deleteClient(client, () => navigate('/clients'))}
          >
            Delete
          </Button>
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <Figure label="Balance" value={displayAmount(client.balance, code)} />
        <Figure label="Credit" value={displayAmount(client.credit, code)} />
        <Figure
          label="Available"
          value={displayAmount(client.available, code)}
          detail={conversionText(page)}
        />
        <Figure
          label="Runway"
          value={
            page.runway ? `≈ ${page.runway.days} ${page.runway.days === 1 ? 'day' : 'days'} left` : 'Unknown'
          }
          detail={
            page.runway
              ? `Burn rate ${displayAmount(page.runway.burnPerDay, code)} a day (last 28 days)`
              : 'Needs 7 days of history and charges on 3 days in the last 28'
          }
        />
      </SimpleGrid>

      <Paper withBorder p="md" radius="md" component="section" aria-label="Profile and rules">
        <Title order={3} size="h4" mb="xs">
          Profile and rules
        </Title>
        <ClientRules page={page} />
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-label="Balance chart">
        <Title order={3} size="h4" mb="xs">
          Balance, last 90 days
        </Title>
        <Suspense fallback={<Skeleton h={220} aria-label="Loading the chart" />}>
          <BalanceChart series={page.series} currencyCode={code} />
        </Suspense>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-label="History">
        <Title order={3} size="h4" mb="xs">
          History
        </Title>
        <EventHistory
          events={page.events}
          currencyCode={code}
          page={eventsPage}
          pageSize={EVENTS_PER_PAGE}
          onPage={setEventsPage}
        />
      </Paper>

      {action && (
        <BalanceEventModal
          action={action}
          client={client}
          onClose={() => setAction(null)}
          onSaved={() => {
            setAction(null);
            setEventsPage(1);
            data.reload();
          }}
        />
      )}
      {editOptions && (
        <ClientFormModal
          client={client}
          options={editOptions}
          onClose={() => setEditOptions(null)}
          onSaved={() => {
            setEditOptions(null);
            data.reload();
          }}
        />
      )}
    </Stack>
  );
}
