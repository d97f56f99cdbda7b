import { Button, Checkbox, Group, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { SectionName } from '@core/interchange/interchange-types';
import { api } from '../../api';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { downloadText } from './file-transfer';
import { Panel } from './Panel';
import { SECTIONS, SECTION_LABELS, describeCounts } from './sections';

/** Export: the chosen sections as one JSON file. */
export function ExportPanel() {
  const [sections, setSections] = useState<SectionName[]>(SECTIONS);
  const [exporting, setExporting] = useState(false);

  const exportFile = async () => {
    setExporting(true);
    try {
      const result = await api['interchange.export']({
        sections: SECTIONS.filter((s) => sections.includes(s)),
      });
      downloadText(result.fileName, result.text);
      notifySuccess(`Exported ${describeCounts(result.counts)} to ${result.fileName}`);
    } catch (error) {
      notifyFailure('Export failed', error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Panel
      id="export-title"
      title="Export"
      description="Saves the chosen sections as one JSON file, to keep as a backup or to import into another installation. The SMTP password and other settings are never exported."
    >
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
    </Panel>
  );
}
