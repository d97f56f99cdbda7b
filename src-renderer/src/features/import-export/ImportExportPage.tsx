import { ScrollArea, Stack } from '@mantine/core';
import { PageLayout } from '../../components/PageLayout';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

/** Import / Export: the JSON interchange file (SPEC §5), for backups, moves and billing-system feeds. */
export function ImportExportPage() {
  return (
    <PageLayout title="Import / Export">
      <ScrollArea style={{ flex: 1 }} offsetScrollbars>
        <Stack gap="md" pb="md">
          <ImportPanel />
          <ExportPanel />
        </Stack>
      </ScrollArea>
    </PageLayout>
  );
}
