import { Button, Group } from '@mantine/core';
import { useCallback } from 'react';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { useApiData } from '../../components/use-api-data';
import { LoadSampleDataButton } from '../sample-data/LoadSampleDataButton';

/** No profiles to show: explains why, and offers the next step (sample data on a first run). */
export function ProfilesEmptyState({
  search,
  onClearSearch,
  onNewProfile,
  onSampleLoaded,
}: {
  search: string;
  onClearSearch: () => void;
  onNewProfile: () => void;
  onSampleLoaded: () => void;
}) {
  const status = useApiData(useCallback(() => api['sample.status']({}), []));
  if (search) {
    return (
      <EmptyState
        title="No matching profiles"
        actions={
          <Button variant="light" onClick={onClearSearch}>
            Clear search
          </Button>
        }
      >
        No profile or reseller name contains “{search}”.
      </EmptyState>
    );
  }
  if (status.data?.empty) {
    return (
      <EmptyState
        title="Welcome to Lowbal"
        actions={
          <Group>
            <LoadSampleDataButton onLoaded={onSampleLoaded} />
            <Button variant="default" onClick={onNewProfile}>
              New Profile
            </Button>
          </Group>
        }
      >
        The database is empty. Load sample data to explore Lowbal with a few resellers, users, currencies,
        clients and profiles — or add your own resellers and currencies first, then click New Profile.
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No profiles yet" actions={<Button onClick={onNewProfile}>New Profile</Button>}>
      A low balance profile decides when a client's balance is low enough to e-mail the client, its reseller
      and your staff. Click New Profile to create the first one.
    </EmptyState>
  );
}
