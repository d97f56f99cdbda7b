import { Fieldset, Select, SimpleGrid, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useMemo } from 'react';
import { timeZoneNames } from '@shared/quiet-hours';
import { useProfileFormContext } from './profile-form-context';

/** SPEC §7: notices are sent only from `Send from` until `Send until` in the `Time zone`; empty = any time. */
export function QuietHoursFieldset() {
  const form = useProfileFormContext();
  const zones = useMemo(() => timeZoneNames(), []);
  return (
    <Fieldset legend="Quiet hours">
      <Text size="sm" c="dimmed" mb="sm">
        Notifications created outside these hours wait until they begin; checks and counts are unaffected. A
        window such as 20:00 until 08:00 runs across midnight. Leave all three empty to send at any time.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TimeInput label="Send from" {...form.getInputProps('quietHours.from')} />
        <TimeInput label="Send until" {...form.getInputProps('quietHours.until')} />
        <Select
          label="Time zone"
          placeholder="e.g. Europe/London"
          data={zones}
          searchable
          clearable
          limit={50}
          {...form.getInputProps('quietHours.timeZone')}
          value={form.values.quietHours.timeZone || null}
          onChange={(zone) => form.setFieldValue('quietHours.timeZone', zone ?? '')}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
