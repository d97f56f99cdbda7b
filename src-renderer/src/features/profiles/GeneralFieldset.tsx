import { Fieldset, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { formatRate } from '../../../../src-main/shared/money';
import { DurationInput } from '../../components/DurationInput';
import { IdSelect } from '../../components/IdSelect';
import { useProfileFormContext, type ProfileFormOptions } from './profile-form-context';

export function GeneralFieldset({ resellers, currencies }: Omit<ProfileFormOptions, 'users'>) {
  const form = useProfileFormContext();
  const idProps = (path: 'resellerId' | 'currencyId') => ({
    value: form.values[path],
    onChange: (id: number | null) => form.setFieldValue(path, id ?? 0),
    error: form.errors[path],
  });
  return (
    <Fieldset legend="General">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Name"
          withAsterisk
          data-autofocus
          autoComplete="off"
          {...form.getInputProps('name')}
        />
        <IdSelect
          label="Reseller"
          withAsterisk
          searchable
          allowDeselect={false}
          nothingFoundMessage="No reseller found; add resellers under Resellers"
          options={resellers.map((r) => ({ id: r.id, label: r.name }))}
          {...idProps('resellerId')}
        />
        <IdSelect
          label="Currency"
          withAsterisk
          searchable
          allowDeselect={false}
          nothingFoundMessage="No currency found; add currencies under Currencies"
          options={currencies.map((c) => ({
            id: c.id,
            label: `${c.code} — ${c.name}${c.isBase ? ' (base)' : c.rateE8 === null ? ' (no rate)' : ` (rate ${formatRate(c.rateE8)})`}`,
          }))}
          {...idProps('currencyId')}
        />
        <NumberInput
          label="Sort Order"
          description="Lower numbers come first in the list"
          allowDecimal={false}
          {...form.getInputProps('sortOrder')}
        />
        <NumberInput
          label="Max Qty"
          description="E-mails per rule and client until a refill; 0 = no limit"
          withAsterisk
          min={0}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('maxQty')}
        />
        <DurationInput
          label="Period"
          valueProps={form.getInputProps('period.value')}
          unitProps={form.getInputProps('period.unit')}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
