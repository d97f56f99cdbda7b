import { Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback } from 'react';
import { userInputSchema } from '@shared/schemas/user';
import type { UserView } from '@shared/views';
import { api } from '../../api';
import type { CatalogFormProps } from '../../components/CatalogPage';
import { IdSelect } from '../../components/IdSelect';
import { RecordFormModal } from '../../components/RecordFormModal';
import { EmailInput, NameInput } from '../../components/RecordFields';
import { schemaResolver } from '../../components/schema-resolver';
import { useApiData } from '../../components/use-api-data';

type UserFormValues = { name: string; email: string; resellerId: number | null };

export function UserFormModal({ row, onClose, onSaved }: CatalogFormProps<UserView>) {
  const resellers = useApiData(useCallback(() => api['resellers.list']({}), []));
  const form = useForm<UserFormValues>({
    initialValues: { name: row?.name ?? '', email: row?.email ?? '', resellerId: row?.resellerId ?? null },
    validate: schemaResolver(userInputSchema),
  });
  return (
    <RecordFormModal
      noun="user"
      isNew={!row}
      form={form}
      save={(values) =>
        row ? api['users.update']({ id: row.id, user: values }) : api['users.create'](values)
      }
      savedName={(saved) => `"${saved.name}"`}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Stack>
        <NameInput {...form.getInputProps('name')} />
        <EmailInput {...form.getInputProps('email')} />
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
    </RecordFormModal>
  );
}
