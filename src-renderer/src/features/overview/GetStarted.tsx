import { Button } from '@mantine/core';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState';
import { SampleDataWelcome } from '../sample-data/SampleDataWelcome';
import { useDatabaseEmpty } from '../sample-data/use-database-empty';

/** No profile yet, so nothing is watched: the first steps (sample data on an empty database). */
export function GetStarted({ onLoaded }: { onLoaded: () => void }) {
  const empty = useDatabaseEmpty();
  if (empty) {
    return (
      <SampleDataWelcome
        onLoaded={onLoaded}
        firstStep={
          <Button variant="default" component={Link} href="/profiles">
            Open Profiles
          </Button>
        }
        orElse="add your own resellers and currencies, then a profile"
      />
    );
  }
  return (
    <EmptyState
      title="No profiles yet"
      actions={
        <Button component={Link} href="/profiles">
          Open Profiles
        </Button>
      }
    >
      Nothing is checked until a low balance profile says when to e-mail whom. Create one in Profiles and give
      it to clients.
    </EmptyState>
  );
}
