import { Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { schemaResolver } from '../../components/schema-resolver';
import { resellerInputSchema } from '../../../../src-main/shared/schemas/reseller';
import type { ResellerView } from '../../../../src-main/shared/views';
import { api } from '../../api';
import type { CatalogFormProps } from '../../components/CatalogPage';
import { FormModal } from '../../components/FormModal';
import { useFormSubmit } from '../../components/use-form-submit';

type ResellerFormValues = { name: string; email: string };

export function ResellerFormModal({ row, onClose, onSaved }: CatalogFormProps<ResellerView>) {
  const form = useForm<ResellerFormValues>({
    initialValues: { name: row?.name ?? '', email: row?.email ?? '' },
    validate: schemaResolver(resellerInputSchema),
  });
  const { handleSubmit, submitting } = useFormSubmit(form, {
    save: (values) =>
      row ? api['resellers.update']({ id: row.id, reseller: values }) : api['resellers.create'](values),
    savedMessage: (saved) => `${row ? 'Saved' : 'Created'} reseller "${saved.name}"`,
    failureTitle: 'Reseller not saved',
    onSaved,
  });
  return (
    <FormModal
      title={row ? 'Edit Reseller' : 'New Reseller'}
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
          description="Where this reseller's notifications go (a profile's User Notification with Notify)"
          withAsterisk
          type="email"
          autoComplete="off"
          {...form.getInputProps('email')}
        />
      </Stack>
    </FormModal>
  );
}
