import { Button } from '@mantine/core';
import { EmptyState } from '../../components/EmptyState';
import { SampleDataWelcome } from '../sample-data/SampleDataWelcome';
import { useDatabaseEmpty } from '../sample-data/use-database-empty';

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
  const empty = useDatabaseEmpty();
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
  if (empty) {
    return (
      <SampleDataWelcome
        onLoaded={onSampleLoaded}
        firstStep={
          <Button variant="default" onClick={onNewProfile}>
            New Profile
          </Button>
        }
        orElse="add your own resellers and currencies first, then click New Profile"
      />
    );
  }
  return (
    <EmptyState title="No profiles yet" actions={<Button onClick={onNewProfile}>New Profile</Button>}>
      A low balance profile decides when a client's balance is low enough to e-mail the client, its reseller
      and your staff. Click New Profile to create the first one.
    </EmptyState>
  );
}
