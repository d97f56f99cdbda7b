import { Checkbox, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { schemaResolver } from '../../components/schema-resolver';
import { currencyInputSchema } from '@shared/schemas/currency';
import { formatRate } from '@shared/money';
import type { CurrencyView } from '@shared/views';
import { api } from '../../api';
import type { CatalogFormProps } from '../../components/CatalogPage';
import { RecordFormModal } from '../../components/RecordFormModal';

type CurrencyFormValues = { code: string; name: string; rate: string; isBase: boolean };

export function CurrencyFormModal({ row, onClose, onSaved }: CatalogFormProps<CurrencyView>) {
  const form = useForm<CurrencyFormValues>({
    initialValues: {
      code: row?.code ?? '',
      name: row?.name ?? '',
      rate: row?.rateE8 == null ? '' : formatRate(row.rateE8),
      isBase: row?.isBase ?? false,
    },
    validate: schemaResolver(currencyInputSchema),
  });
  const isBase = form.values.isBase;
  return (
    <RecordFormModal
      noun="currency"
      isNew={!row}
      form={form}
      save={(values) =>
        row ? api['currencies.update']({ id: row.id, currency: values }) : api['currencies.create'](values)
      }
      savedName={(saved) => saved.code}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Stack>
        <TextInput
          label="Code"
          description="ISO 4217, three letters, e.g. USD"
          withAsterisk
          data-autofocus
          maxLength={3}
          autoComplete="off"
          {...form.getInputProps('code')}
          onChange={(event) => form.setFieldValue('code', event.currentTarget.value.toUpperCase())}
        />
        <TextInput label="Name" withAsterisk autoComplete="off" {...form.getInputProps('name')} />
        <Checkbox
          label="Base currency"
          description="Rates are units of a currency per 1 unit of the base currency"
          {...form.getInputProps('isBase', { type: 'checkbox' })}
        />
        <TextInput
          label="Rate"
          description={
            isBase
              ? 'The base currency’s rate is always 1'
              : 'Units of this currency per 1 unit of the base currency; empty = no rate (clients in it are skipped when converting)'
          }
          inputMode="decimal"
          autoComplete="off"
          disabled={isBase}
          {...form.getInputProps('rate')}
          value={isBase ? '1' : form.values.rate}
        />
      </Stack>
    </RecordFormModal>
  );
}
