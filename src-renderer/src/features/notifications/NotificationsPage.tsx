import { Button, Group, Select } from '@mantine/core';
import '@mantine/dates/styles.css';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  NOTIFICATION_STATUSES,
  type NotificationListQuery,
  type NotificationRowView,
} from '@shared/schemas/notification';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { PagedTable } from '../../components/PagedTable';
import { PageLayout } from '../../components/PageLayout';
import { useApiData } from '../../components/use-api-data';
import { profileOptions } from '../clients/client-options';
import { ClientPicker } from './ClientPicker';
import { EngineControls } from './EngineControls';
import { notificationColumns } from './notification-columns';
import { NotificationDrawer } from './NotificationDrawer';
import { useEngineStatus } from './use-engine-status';

type Filter = Omit<NotificationListQuery, 'offset' | 'limit'>;

/** A date range of whole local days → [from, to) in epoch ms. */
function dayRange(range: DatesRangeValue<string>): Pick<Filter, 'from' | 'to'> {
  const [start, end] = range;
  return {
    from: start ? dayjs(start).startOf('day').valueOf() : undefined,
    to: end ? dayjs(end).add(1, 'day').startOf('day').valueOf() : undefined,
  };
}

/** The Notifications section: every e-mail with its status, filters, details and Retry. */
export function NotificationsPage({ initialStatus }: { initialStatus?: NotificationListQuery['status'] }) {
  const [clientId, setClientId] = useState<number | null>(null);
  const [profileId, setProfileId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(initialStatus ?? null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [reloadToken, setReloadToken] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const engine = useEngineStatus();
  const profiles = useApiData(useCallback(() => api['profiles.list']({ offset: 0, limit: 1000 }), []));

  const filter = useMemo<Filter>(
    () => ({
      clientId: clientId ?? undefined,
      profileId: profileId ? Number(profileId) : undefined,
      status: (status as Filter['status']) ?? undefined,
      ...dayRange(range),
    }),
    [clientId, profileId, status, range],
  );
  const filtered = Object.values(filter).some((value) => value !== undefined);
  const reload = useCallback(() => setReloadToken((token) => token + 1), []);

  // The list follows the outbox: when the engine's counts move, the rows are refreshed.
  const queue = engine.data?.queue;
  const lastCheckId = engine.data?.lastCheck?.checkId;
  const seen = useRef('');
  useEffect(() => {
    const now = JSON.stringify([queue, lastCheckId]);
    if (seen.current && seen.current !== now) reload();
    seen.current = now;
  }, [queue, lastCheckId, reload]);

  const fetchPage = useCallback(
    (offset: number, limit: number) => api['notifications.list']({ ...filter, offset, limit }),
    [filter],
  );
  const columns = useMemo(() => notificationColumns((row: NotificationRowView) => setOpenId(row.id)), []);
  const clearFilters = () => {
    setClientId(null);
    setProfileId(null);
    setStatus(null);
    setRange([null, null]);
  };

  return (
    <PageLayout
      title="Notifications"
      actions={
        <EngineControls
          status={engine.data}
          onChanged={() => {
            engine.reload();
            reload();
          }}
        />
      }
      toolbar={
        <Group gap="sm" align="flex-end">
          <ClientPicker
            label="Client"
            placeholder="Any client"
            value={clientId}
            onChange={setClientId}
            w={240}
          />
          <Select
            label="Profile"
            placeholder="Any profile"
            clearable
            searchable
            w={220}
            data={profileOptions(profiles.data?.rows ?? []).map((p) => ({
              value: String(p.id),
              label: p.label,
            }))}
            value={profileId}
            onChange={setProfileId}
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            w={150}
            data={[...NOTIFICATION_STATUSES]}
            value={status}
            onChange={setStatus}
          />
          <DatePickerInput
            type="range"
            label="Date range"
            placeholder="Any date"
            clearable
            w={260}
            value={range}
            onChange={setRange}
          />
          {filtered && (
            <Button variant="subtle" onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Group>
      }
    >
      <PagedTable<NotificationRowView>
        label="Notifications"
        columns={columns}
        fetchPage={fetchPage}
        query={JSON.stringify(filter)}
        reloadToken={reloadToken}
        rowKey={(row) => row.id}
        empty={
          filtered ? (
            <EmptyState
              title="No notification matches"
              actions={<Button onClick={clearFilters}>Clear filters</Button>}
            >
              Nothing in the history matches these filters.
            </EmptyState>
          ) : (
            <EmptyState title="No notifications yet">
              E-mails appear here once a check finds a low balance. Set up Settings → E-mail, give clients a
              profile with rules, then press Check all now (or wait for the next scheduled check).
            </EmptyState>
          )
        }
      />
      {openId !== null && (
        <NotificationDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
      )}
    </PageLayout>
  );
}
