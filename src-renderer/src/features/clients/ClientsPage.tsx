import { Button, Group, Select, Switch, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import type { ClientRowView } from '@shared/client-views';
import type { ClientFilter } from '@shared/schemas/client';
import { api } from '../../api';
import { focusedRowControl, returnFocus } from '../../components/focus-return';
import { EmptyState } from '../../components/EmptyState';
import { IdSelect } from '../../components/IdSelect';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PagedTable } from '../../components/PagedTable';
import { plural } from '../../components/plural';
import { PageLayout } from '../../components/PageLayout';
import { SearchInput } from '../../components/SearchInput';
import { useApiData } from '../../components/use-api-data';
import { LoadSampleDataIfEmpty } from '../sample-data/LoadSampleDataButton';
import { AssignProfileModal } from './AssignProfileModal';
import { clientColumns } from './client-columns';
import { loadClientOptions, profileOptions } from './client-options';
import { ClientFormModal } from './ClientFormModal';
import { deleteClient } from './delete-client';
import type { SortState } from './SortHeader';

type StatusFilter = 'all' | 'active' | 'inactive';

/** The Clients section: every client with its balances, filters, sorting, and bulk profile actions. */
export function ClientsPage() {
  const [, navigate] = useLocation();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [resellerId, setResellerId] = useState<number | null>(null);
  const [profileFilter, setProfileFilter] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [lowNow, setLowNow] = useState(false);
  const [sort, setSort] = useState<SortState>({ column: 'name', direction: 'asc' });
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [total, setTotal] = useState<number | null>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const [editing, setEditing] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const options = useApiData(loadClientOptions);

  const filter = useMemo<ClientFilter>(
    () => ({
      search: debouncedSearch || undefined,
      resellerId: resellerId ?? undefined,
      profileId:
        profileFilter === null ? undefined : profileFilter === 'none' ? 'none' : Number(profileFilter),
      active: status === 'all' ? undefined : status === 'active',
      lowNow,
    }),
    [debouncedSearch, resellerId, profileFilter, status, lowNow],
  );
  const filtered = Boolean(
    filter.search || filter.resellerId || filter.profileId || filter.active !== undefined || lowNow,
  );
  const query = JSON.stringify({ filter, sort });

  const reload = useCallback(() => setReloadToken((token) => token + 1), []);
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await api['clients.list']({
        ...filter,
        sort: sort.column,
        direction: sort.direction,
        offset,
        limit,
      });
      setTotal(page.total);
      return page;
    },
    [filter, sort],
  );

  const toggle = useCallback((client: ClientRowView) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(client.id)) next.add(client.id);
      return next;
    });
  }, []);
  const toggleAll = useCallback(async () => {
    if (selected.size > 0) {
      setSelected(new Set());
      return;
    }
    try {
      const { ids, total: matching } = await api['clients.ids'](filter);
      setSelected(new Set(ids));
      if (matching > ids.length) {
        notifySuccess(
          `Selected the first ${ids.length.toLocaleString()} of ${matching.toLocaleString()} matching clients`,
        );
      }
    } catch (error) {
      notifyFailure('Could not select the clients', error);
    }
  }, [filter, selected.size]);

  const removeProfile = () => {
    const clientIds = [...selected];
    modals.openConfirmModal({
      title: 'Remove profile',
      children: (
        <Text size="sm">
          Remove the Low Balance Profile from {plural(clientIds.length, 'client')}? They will no longer be
          checked.
        </Text>
      ),
      labels: { confirm: 'Remove profile', cancel: 'Cancel' },
      onConfirm: () => {
        api['clients.removeProfile']({ clientIds }).then(
          ({ updated }) => {
            notifySuccess(`Removed the profile from ${plural(updated, 'client')}`);
            setSelected(new Set());
            reload();
          },
          (error: unknown) => notifyFailure('Profile not removed', error),
        );
      },
    });
  };

  const columns = useMemo(
    () =>
      clientColumns({
        sort,
        onSort: setSort,
        selected,
        onToggle: toggle,
        selection: selected.size === 0 ? 'none' : selected.size === total ? 'all' : 'some',
        onToggleAll: () => void toggleAll(),
        onDelete: (client) => {
          const target = focusedRowControl();
          void deleteClient(
            client,
            () => {
              setSelected((prev) => new Set([...prev].filter((id) => id !== client.id)));
              reload();
            },
            () => returnFocus(target),
          );
        },
      }),
    [sort, selected, toggle, total, toggleAll, reload],
  );

  const profiles = options.data?.profiles ?? [];
  const toolbar = (
    <Group gap="sm" align="flex-end">
      <SearchInput value={search} onChange={setSearch} placeholder="Search name or billing e-mail" />
      <IdSelect
        aria-label="Filter by reseller"
        placeholder="All resellers"
        clearable
        searchable
        w={200}
        options={(options.data?.resellers ?? []).map((r) => ({ id: r.id, label: r.name }))}
        value={resellerId}
        onChange={setResellerId}
      />
      <Select
        aria-label="Filter by profile"
        placeholder="All profiles"
        clearable
        searchable
        w={220}
        data={[
          { value: 'none', label: 'No profile' },
          ...profileOptions(profiles, resellerId ?? undefined).map((p) => ({
            value: String(p.id),
            label: p.label,
          })),
        ]}
        value={profileFilter}
        onChange={setProfileFilter}
      />
      <Select
        aria-label="Filter by status"
        w={130}
        allowDeselect={false}
        data={[
          { value: 'all', label: 'All clients' },
          { value: 'active', label: 'Active' },
          { value: 'inactive', label: 'Inactive' },
        ]}
        value={status}
        onChange={(value) => setStatus((value as StatusFilter | null) ?? 'all')}
      />
      <Switch
        label="Low now"
        checked={lowNow}
        onChange={(event) => setLowNow(event.currentTarget.checked)}
        mb={8}
      />
    </Group>
  );

  return (
    <PageLayout
      title="Clients"
      actions={
        <Button
          leftSection={<IconPlus size={18} />}
          disabled={!options.data}
          onClick={() => setEditing(true)}
        >
          New Client
        </Button>
      }
      toolbar={
        <>
          {toolbar}
          <Group gap="sm" mih={36} role="region" aria-label="Selection">
            <Text size="sm" c="dimmed">
              {selected.size
                ? `${plural(selected.size, 'client')} selected`
                : total === null
                  ? ''
                  : plural(total, 'client')}
            </Text>
            {selected.size > 0 && (
              <>
                <Button size="xs" disabled={!options.data} onClick={() => setAssigning(true)}>
                  Assign profile
                </Button>
                <Button size="xs" variant="light" onClick={removeProfile}>
                  Remove profile
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
                  Clear selection
                </Button>
              </>
            )}
          </Group>
        </>
      }
    >
      <PagedTable<ClientRowView>
        label="Clients"
        columns={columns}
        fetchPage={fetchPage}
        query={query}
        reloadToken={reloadToken}
        rowKey={(client) => client.id}
        empty={
          filtered ? (
            <EmptyState title="No matching clients">
              No client matches these filters. Clear the search or the filters to see every client.
            </EmptyState>
          ) : (
            <EmptyState
              title="No clients yet"
              actions={
                <Group>
                  <Button disabled={!options.data} onClick={() => setEditing(true)}>
                    New Client
                  </Button>
                  <LoadSampleDataIfEmpty
                    onLoaded={() => {
                      options.reload();
                      reload();
                    }}
                  />
                </Group>
              }
            >
              Clients are the prepaid customers whose balances the profiles watch. Add one with New Client.
            </EmptyState>
          )
        }
      />
      {editing && options.data && (
        <ClientFormModal
          client={null}
          options={options.data}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            navigate(`/clients/${saved.id}`);
          }}
        />
      )}
      {assigning && (
        <AssignProfileModal
          clientIds={[...selected]}
          profiles={profiles}
          onClose={() => setAssigning(false)}
          onSaved={() => {
            setAssigning(false);
            setSelected(new Set());
            reload();
          }}
        />
      )}
    </PageLayout>
  );
}
