import { Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { schemaResolver } from '../../components/schema-resolver';
import { useCallback } from 'react';
import { userInputSchema } from '../../../../src-main/shared/schemas/user';
import type { UserView } from '../../../../src-main/shared/views';
import { api } from '../../api';
import type { CatalogFormProps } from '../../components/CatalogPage';
import { FormModal } from '../../components/FormModal';
import { IdSelect } from '../../components/IdSelect';
import { useApiData } from '../../components/use-api-data';
import { useFormSubmit } from '../../components/use-form-submit';

type UserFormValues = { name: string; email: string; resellerId: number | null };

export function UserFormModal({ row, onClose, onSaved }: CatalogFormProps<UserView>) {
  const resellers = useApiData(useCallback(() => api['resellers.list']({}), []));
  const form = useForm<UserFormValues>({
    initialValues: { name: row?.name ?? '', email: row?.email ?? '', resellerId: row?.resellerId ?? null },
    validate: schemaResolver(userInputSchema),
  });
  const { handleSubmit, submitting } = useFormSubmit(form, {
    save: (values) => (row ? api['users.update']({ id: row.id, user: values }) : api['users.create'](values)),
    savedMessage: (saved) => `${row ? 'Saved' : 'Created'} user "${saved.name}"`,
    failureTitle: 'User not saved',
    onSaved,
  });
  return (
    <FormModal
      title={row ? 'Edit User' : 'New User'}
      onClose={onClose}
      onSubmit={handleSubmit}
      submitting={submitting}
    >
      <Stack>
        <TextInput
          label="Name"
          withAsterisk
          data-autofocus
          autoComplete="off"
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Email"
          withAsterisk
          type="email"
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <IdSelect
          label="Reseller"
          description="Optional: the reseller this staff member works for"
          placeholder={resellers.data ? 'None' : 'Loading…'}
          clearable
          searchable
          options={(resellers.data ?? []).map((r) => ({ id: r.id, label: r.name }))}
          value={form.values.resellerId}
          onChange={(id) => form.setFieldValue('resellerId', id)}
          error={form.errors.resellerId}
        />
      </Stack>
    </FormModal>
  );
}
