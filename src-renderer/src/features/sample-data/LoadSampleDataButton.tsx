import { Button } from '@mantine/core';
import { IconDatabaseImport } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useDatabaseEmpty } from './use-database-empty';

/** Fills an empty database with the sample dataset (2 resellers, 3 users, 3 currencies, 20 clients, 3 profiles). */
export function LoadSampleDataButton({ onLoaded }: { onLoaded: () => void }) {
  const [loading, setLoading] = useState(false);
  const load = async () => {
    setLoading(true);
    try {
      const counts = await api['sample.load']({});
      notifySuccess(
        `Loaded sample data: ${counts.profiles} profiles, ${counts.clients} clients, ${counts.resellers} resellers, ${counts.users} users and ${counts.currencies} currencies`,
      );
      onLoaded();
    } catch (error) {
      notifyFailure('Sample data not loaded', error);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button leftSection={<IconDatabaseImport size={18} />} loading={loading} onClick={load}>
      Load sample data
    </Button>
  );
}

/** The Load sample data button, shown only while the database is empty. */
export function LoadSampleDataIfEmpty({ onLoaded }: { onLoaded: () => void }) {
  return useDatabaseEmpty() ? <LoadSampleDataButton onLoaded={onLoaded} /> : null;
}
