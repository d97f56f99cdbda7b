import { Group, NumberInput, Select } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { DURATION_UNITS } from '@shared/duration';

/** A duration as a whole number and a unit select labelled `<label> unit`. */
export function DurationInput({
  label,
  description,
  valueProps,
  unitProps,
}: {
  label: string;
  description?: string;
  valueProps: GetInputPropsReturnType;
  unitProps: GetInputPropsReturnType;
}) {
  return (
    <Group grow align="flex-start" gap="xs" wrap="nowrap">
      <NumberInput
        label={label}
        description={description}
        min={1}
        allowDecimal={false}
        allowNegative={false}
        {...valueProps}
      />
      <Select label={`${label} unit`} data={[...DURATION_UNITS]} allowDeselect={false} {...unitProps} />
    </Group>
  );
}
