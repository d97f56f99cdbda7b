import { Button, Group } from '@mantine/core';
import { useCallback } from 'react';
import { Link } from 'wouter';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { useApiData } from '../../components/use-api-data';
import { LoadSampleDataButton } from '../sample-data/LoadSampleDataButton';

/** No profile yet, so nothing is watched: the first steps (sample data on an empty database). */
export function GetStarted({ onLoaded }: { onLoaded: () => void }) {
  const status = useApiData(useCallback(() => api['sample.status']({}), []));
  if (status.data?.empty) {
    return (
      <EmptyState
        title="Welcome to Lowbal"
        actions={
          <Group>
            <LoadSampleDataButton onLoaded={onLoaded} />
            <Button variant="default" component={Link} href="/profiles">
              Open Profiles
            </Button>
          </Group>
        }
      >
        The database is empty. Load sample data to explore Lowbal with a few resellers, users, currencies,
        clients and profiles — or add your own resellers and currencies, then a profile.
      </EmptyState>
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
