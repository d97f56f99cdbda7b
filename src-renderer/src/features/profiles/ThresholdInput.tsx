import { Text, TextInput } from '@mantine/core';
import { useProfileFormContext } from './profile-form-context';

/** A rule's Threshold: an amount in the profile's currency, empty when the rule is off. */
export function ThresholdInput({ path, currencyCode }: { path: string; currencyCode: string }) {
  const form = useProfileFormContext();
  return (
    <TextInput
      label="Threshold"
      description={`Fires below this available balance${currencyCode ? ` (${currencyCode})` : ''}; empty = off`}
      inputMode="decimal"
      autoComplete="off"
      rightSection={
        <Text size="xs" c="dimmed">
          {currencyCode}
        </Text>
      }
      rightSectionWidth={44}
      {...form.getInputProps(path)}
    />
  );
}
