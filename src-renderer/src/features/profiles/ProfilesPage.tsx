import { Button } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import type { ProfileView } from '@shared/views';
import { api } from '../../api';
import { notifyFailure } from '../../components/notify';
import { PagedTable } from '../../components/PagedTable';
import { PageLayout } from '../../components/PageLayout';
import { SearchInput } from '../../components/SearchInput';
import { deleteProfile } from './delete-profile';
import { profileColumns } from './profile-columns';
import { loadProfileForm, ProfileFormModal } from './ProfileFormModal';
import { ProfilesEmptyState } from './ProfilesEmptyState';

type OpenForm = Awaited<ReturnType<typeof loadProfileForm>>;

export function ProfilesPage() {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const [reloadToken, setReloadToken] = useState(0);
  const [form, setForm] = useState<OpenForm | null>(null);
  const [opening, setOpening] = useState(false);

  const reload = useCallback(() => setReloadToken((token) => token + 1), []);
  const openForm = useCallback(async (profileId: number | null) => {
    setOpening(true);
    try {
      setForm(await loadProfileForm(profileId));
    } catch (error) {
      notifyFailure('Could not open the profile form', error);
    } finally {
      setOpening(false);
    }
  }, []);

  const fetchPage = useCallback(
    (offset: number, limit: number) => api['profiles.list']({ search: query || undefined, offset, limit }),
    [query],
  );
  const columns = useMemo(
    () =>
      profileColumns({
        onEdit: (profile) => void openForm(profile.id),
        onDelete: (profile) => void deleteProfile(profile, reload),
      }),
    [openForm, reload],
  );

  return (
    <PageLayout
      title="Low Balance Profiles"
      actions={
        <Button leftSection={<IconPlus size={18} />} loading={opening} onClick={() => void openForm(null)}>
          New Profile
        </Button>
      }
      toolbar={<SearchInput value={search} onChange={setSearch} placeholder="Search profiles or resellers" />}
    >
      <PagedTable<ProfileView>
        label="Profiles"
        columns={columns}
        fetchPage={fetchPage}
        query={query}
        reloadToken={reloadToken}
        rowKey={(profile) => profile.id}
        empty={
          <ProfilesEmptyState
            search={query}
            onClearSearch={() => setSearch('')}
            onNewProfile={() => void openForm(null)}
            onSampleLoaded={reload}
          />
        }
      />
      {form && (
        <ProfileFormModal
          profile={form.profile}
          options={form.options}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            reload();
          }}
        />
      )}
    </PageLayout>
  );
}
