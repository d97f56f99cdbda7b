import { Checkbox, Fieldset, NumberInput, SimpleGrid } from '@mantine/core';
import { DurationInput } from '../../components/DurationInput';
import { NameInput } from '../../components/RecordFields';
import { ResellerCurrencySelects } from '../../components/ResellerCurrencySelects';
import { useProfileFormContext, type ProfileFormOptions } from './profile-form-context';

export function GeneralFieldset({ resellers, currencies }: Omit<ProfileFormOptions, 'users'>) {
  const form = useProfileFormContext();
  const idProps = (path: 'resellerId' | 'currencyId') => ({
    value: form.values[path],
    onChange: (id: number) => form.setFieldValue(path, id),
    error: form.errors[path],
  });
  return (
    <Fieldset legend="General">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NameInput {...form.getInputProps('name')} />
        <ResellerCurrencySelects
          resellers={resellers}
          currencies={currencies}
          showRates
          reseller={idProps('resellerId')}
          currency={idProps('currencyId')}
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
      <Checkbox
        mt="sm"
        label="Only the most urgent rule"
        description="When several client rules match a client, only the one with the lowest threshold sends"
        {...form.getInputProps('mostUrgentOnly', { type: 'checkbox' })}
      />
      <Checkbox
        mt="sm"
        label="Recovery notice"
        description="When a refill resets a rule that had sent notices, its recipients get one “balance restored” message"
        {...form.getInputProps('recoveryNotice', { type: 'checkbox' })}
      />
    </Fieldset>
  );
}
