import { Checkbox, SimpleGrid, Text, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { ClientRowView } from '../../../../src-main/shared/client-views';
import { clientInputSchema } from '../../../../src-main/shared/schemas/client';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { IdSelect } from '../../components/IdSelect';
import { useFormSubmit } from '../../components/use-form-submit';
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
      : emptyClientValues({
          resellerId: resellers.length === 1 ? resellers[0].id : 0,
          currencyId: currencies.find((c) => c.isBase)?.id ?? 0,
        }),
    validate: zod4Resolver(clientInputSchema),
  });
  const { handleSubmit, submitting } = useFormSubmit(form, {
    save: (values) => {
      const input = toClientInput(values);
      if (!client) return api['clients.create'](input);
      // An untouched balance is left out, so a payment recorded meanwhile is not undone.
      const { balance: _balance, ...rest } = input;
      return api['clients.update']({
        id: client.id,
        client: form.isDirty('balance') ? input : rest,
      });
    },
    savedMessage: (saved) => `${client ? 'Saved' : 'Created'} client "${saved.name}"`,
    failureTitle: 'Client not saved',
    onSaved,
  });
  const currencyCode = currencies.find((c) => c.id === form.values.currencyId)?.code ?? '';
  const currencySuffix = (
    <Text size="xs" c="dimmed">
      {currencyCode}
    </Text>
  );
  const { resellerId } = form.values;

  return (
    <FormModal
      title={client ? 'Edit Client' : 'New Client'}
      size="lg"
      onClose={onClose}
      onSubmit={handleSubmit}
      submitting={submitting}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Name"
          withAsterisk
          data-autofocus
          autoComplete="off"
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Billing Email"
          type="email"
          autoComplete="off"
          description="Where client notifications go"
          {...form.getInputProps('billingEmail')}
        />
        <IdSelect
          label="Reseller"
          withAsterisk
          searchable
          allowDeselect={false}
          nothingFoundMessage="No reseller found; add resellers under Resellers"
          options={resellers.map((r) => ({ id: r.id, label: r.name }))}
          value={resellerId || null}
          onChange={(id) => {
            form.setFieldValue('resellerId', id ?? 0);
            const profile = profiles.find((p) => p.id === form.values.profileId);
            if (profile && profile.resellerId !== id) form.setFieldValue('profileId', null);
          }}
          error={form.errors.resellerId}
        />
        <IdSelect
          label="Currency"
          withAsterisk
          searchable
          allowDeselect={false}
          nothingFoundMessage="No currency found; add currencies under Currencies"
          options={currencies.map((c) => ({
            id: c.id,
            label: `${c.code} — ${c.name}${c.rateE8 === null ? ' (no rate)' : ''}`,
          }))}
          value={form.values.currencyId || null}
          onChange={(id) => form.setFieldValue('currencyId', id ?? 0)}
          error={form.errors.currencyId}
        />
        <TextInput
          label="Balance"
          withAsterisk
          inputMode="decimal"
          autoComplete="off"
          description={client ? 'A change is recorded as an adjustment' : 'The opening balance'}
          rightSection={currencySuffix}
          rightSectionWidth={44}
          {...form.getInputProps('balance')}
        />
        <TextInput
          label="Credit"
          inputMode="decimal"
          autoComplete="off"
          description="Counts toward the available balance; 0 or more"
          rightSection={currencySuffix}
          rightSectionWidth={44}
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
    </FormModal>
  );
}
