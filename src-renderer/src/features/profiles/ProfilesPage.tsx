import { Button } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ProfileView } from '@shared/views';
import { api } from '../../api';
import { focusedRowControl, returnFocus, type FocusTarget } from '../../components/focus-return';
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
  // Where keyboard focus goes back to when a dialog closes: the row it was opened from, or New Profile.
  const newButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<FocusTarget | null>(null);
  const focusBack = useCallback(
    (target: FocusTarget | null) => returnFocus(target, () => newButton.current),
    [],
  );

  const reload = useCallback(() => setReloadToken((token) => token + 1), []);
  const openForm = useCallback(async (profileId: number | null) => {
    returnTo.current = focusedRowControl();
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
        onDelete: (profile) => {
          const target = focusedRowControl();
          void deleteProfile(profile, reload, () => focusBack(target));
        },
      }),
    [openForm, reload, focusBack],
  );

  return (
    <PageLayout
      title="Low Balance Profiles"
      actions={
        <Button
          ref={newButton}
          leftSection={<IconPlus size={18} />}
          loading={opening}
          onClick={() => void openForm(null)}
        >
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
          onClose={() => {
            setForm(null);
            focusBack(returnTo.current);
          }}
          onSaved={(saved) => {
            setForm(null);
            reload();
            // The saved profile's row: the one edited, or the new one.
            focusBack({ rowKey: String(saved.id), control: saved.name });
          }}
        />
      )}
    </PageLayout>
  );
}
