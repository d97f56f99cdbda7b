import { Checkbox, SimpleGrid, TextInput } from '@mantine/core';
import '@mantine/dates/styles.css';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import type { ClientRowView } from '@shared/client-views';
import { clientInputSchema } from '@shared/schemas/client';
import { api } from '../../api';
import { AmountInput } from '../../components/AmountInput';
import { IdSelect } from '../../components/IdSelect';
import { RecordFormModal } from '../../components/RecordFormModal';
import { NameInput } from '../../components/RecordFields';
import { schemaResolver } from '../../components/schema-resolver';
import {
  defaultResellerAndCurrency,
  ResellerCurrencySelects,
} from '../../components/ResellerCurrencySelects';
import { profileOptions, type ClientOptions } from './client-options';
import {
  clientToFormValues,
  emptyClientValues,
  toClientInput,
  type ClientFormValues,
} from './client-form-values';

/** The New Client / Edit Client pop-up (SPEC §1's client fields). */
export function ClientFormModal({
  client,
  options,
  onClose,
  onSaved,
}: {
  /** null for a new client. */
  client: ClientRowView | null;
  options: ClientOptions;
  onClose: () => void;
  onSaved: (saved: ClientRowView) => void;
}) {
  const { resellers, currencies, profiles } = options;
  const form = useForm<ClientFormValues>({
    initialValues: client
      ? clientToFormValues(client)
      : emptyClientValues(defaultResellerAndCurrency(resellers, currencies)),
    validate: schemaResolver(clientInputSchema),
  });
  const save = (values: ClientFormValues) => {
    const input = toClientInput(values);
    if (!client) return api['clients.create'](input);
    // An untouched balance is left out, so a payment recorded meanwhile is not undone.
    const { balance: _balance, ...rest } = input;
    return api['clients.update']({
      id: client.id,
      client: form.isDirty('balance') ? input : rest,
    });
  };
  const currencyCode = currencies.find((c) => c.id === form.values.currencyId)?.code ?? '';
  const { resellerId } = form.values;

  return (
    <RecordFormModal
      noun="client"
      isNew={!client}
      form={form}
      save={save}
      savedName={(saved) => `"${saved.name}"`}
      size="lg"
      onClose={onClose}
      onSaved={onSaved}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NameInput {...form.getInputProps('name')} />
        <TextInput
          label="Billing Email"
          type="email"
          autoComplete="off"
          description="Where client notifications go"
          {...form.getInputProps('billingEmail')}
        />
        <ResellerCurrencySelects
          resellers={resellers}
          currencies={currencies}
          reseller={{
            value: resellerId,
            onChange: (id) => {
              form.setFieldValue('resellerId', id);
              const profile = profiles.find((p) => p.id === form.values.profileId);
              if (profile && profile.resellerId !== id) form.setFieldValue('profileId', null);
            },
            error: form.errors.resellerId,
          }}
          currency={{
            value: form.values.currencyId,
            onChange: (id) => form.setFieldValue('currencyId', id),
            error: form.errors.currencyId,
          }}
        />
        <AmountInput
          label="Balance"
          withAsterisk
          currencyCode={currencyCode}
          description={client ? 'A change is recorded as an adjustment' : 'The opening balance'}
          {...form.getInputProps('balance')}
        />
        <AmountInput
          label="Credit"
          currencyCode={currencyCode}
          description="Counts toward the available balance; 0 or more"
          {...form.getInputProps('credit')}
        />
        <IdSelect
          label="Profile"
          description={
            resellerId ? "A Low Balance Profile of the client's reseller" : 'Choose the reseller first'
          }
          placeholder="None"
          clearable
          searchable
          disabled={!resellerId}
          nothingFoundMessage="This reseller has no profiles yet"
          options={profileOptions(profiles, resellerId)}
          value={form.values.profileId}
          onChange={(id) => form.setFieldValue('profileId', id)}
          error={form.errors.profileId}
        />
        <DateTimePicker
          label="Last charge"
          description="Advanced rules count inactivity from it"
          placeholder="Never charged"
          clearable
          valueFormat="YYYY-MM-DD HH:mm"
          maxDate={new Date()}
          value={form.values.lastChargeAt === null ? null : new Date(form.values.lastChargeAt)}
          onChange={(value) => form.setFieldValue('lastChargeAt', value ? dayjs(value).valueOf() : null)}
          error={form.errors.lastChargeAt}
        />
        <Checkbox
          label="Active"
          description="Inactive clients are not checked"
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
      </SimpleGrid>
    </RecordFormModal>
  );
}
