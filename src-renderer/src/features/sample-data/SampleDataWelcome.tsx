import { Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { LoadSampleDataButton } from './LoadSampleDataButton';

/** First run on an empty database: offers the sample dataset next to the page's own first step. */
export function SampleDataWelcome({
  onLoaded,
  firstStep,
  orElse,
}: {
  onLoaded: () => void;
  /** The page's own way to start without sample data. */
  firstStep: ReactNode;
  /** How to start without sample data, completing "… — or ". */
  orElse: string;
}) {
  return (
    <EmptyState
      title="Welcome to Lowbal"
      actions={
        <Group>
          <LoadSampleDataButton onLoaded={onLoaded} />
          {firstStep}
        </Group>
      }
    >
      The database is empty. Load sample data to explore Lowbal with a few resellers, users, currencies,
      clients and profiles — or {orElse}.
    </EmptyState>
  );
}
