import { Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { resellerInputSchema } from '@shared/schemas/reseller';
import type { ResellerView } from '@shared/views';
import { api } from '../../api';
import type { CatalogFormProps } from '../../components/CatalogPage';
import { RecordFormModal } from '../../components/RecordFormModal';
import { EmailInput, NameInput } from '../../components/RecordFields';
import { schemaResolver } from '../../components/schema-resolver';

type ResellerFormValues = { name: string; email: string };

export function ResellerFormModal({ row, onClose, onSaved }: CatalogFormProps<ResellerView>) {
  const form = useForm<ResellerFormValues>({
    initialValues: { name: row?.name ?? '', email: row?.email ?? '' },
    validate: schemaResolver(resellerInputSchema),
  });
  return (
    <RecordFormModal
      noun="reseller"
      isNew={!row}
      form={form}
      save={(values) =>
        row ? api['resellers.update']({ id: row.id, reseller: values }) : api['resellers.create'](values)
      }
      savedName={(saved) => `"${saved.name}"`}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Stack>
        <NameInput {...form.getInputProps('name')} />
        <EmailInput
          description="Where this reseller's notifications go (a profile's User Notification with Notify)"
          {...form.getInputProps('email')}
        />
      </Stack>
    </RecordFormModal>
  );
}
