import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { SectionName } from '../../../../src-main/core/interchange/interchange-types';
import { api } from '../../api';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { downloadText } from './file-transfer';
import { SECTIONS, SECTION_LABELS } from './sections';

/** Export: the chosen sections as one JSON file. */
export function ExportPanel() {
  const [sections, setSections] = useState<SectionName[]>(SECTIONS);
  const [exporting, setExporting] = useState(false);

  const exportFile = async () => {
    setExporting(true);
    try {
      const result = await api['interchange.export']({ sections: SECTIONS.filter((s) => sections.includes(s)) });
      downloadText(result.fileName, result.text);
      const counts = SECTIONS.filter((name) => result.counts[name] !== undefined)
        .map((name) => `${result.counts[name]} ${SECTION_LABELS[name].toLowerCase()}`)
        .join(', ');
      notifySuccess(`Exported ${counts} to ${result.fileName}`);
    } catch (error) {
      notifyFailure('Export failed', error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="export-title">
      <Stack gap="sm">
        <Title order={3} id="export-title">
          Export
        </Title>
        <Text size="sm" c="dimmed">
          Saves the chosen sections as one JSON file, to keep as a backup or to import into another
          installation. The SMTP password and other settings are never exported.
        </Text>
        <Checkbox.Group
          label="Sections"
          value={sections}
          onChange={(value) => setSections(value as SectionName[])}
        >
          <Group gap="md" mt={6}>
            {SECTIONS.map((name) => (
              <Checkbox key={name} value={name} label={SECTION_LABELS[name]} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group>
          <Button
            leftSection={<IconDownload size={18} />}
            onClick={exportFile}
            loading={exporting}
            disabled={sections.length === 0}
          >
            Export
          </Button>
          {sections.length === 0 && (
            <Text size="sm" c="dimmed">
              Choose at least one section.
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
