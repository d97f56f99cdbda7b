import { Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { assignProfileSchema } from '@shared/schemas/client';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { schemaResolver } from '../../components/schema-resolver';
import { IdSelect } from '../../components/IdSelect';
import { plural } from '../../components/plural';
import { useFormSubmit } from '../../components/use-form-submit';
import { profileOptions, type ClientOptions } from './client-options';

const schema = assignProfileSchema.pick({ profileId: true });

/** Bulk action: one profile for every selected client (all must belong to the profile's reseller). */
export function AssignProfileModal({
  clientIds,
  profiles,
  onClose,
  onSaved,
}: {
  clientIds: number[];
  profiles: ClientOptions['profiles'];
  onClose: () => void;
  onSaved: () => void;
}) {
  const form = useForm<{ profileId: number | null }>({
    initialValues: { profileId: null },
    validate: schemaResolver(schema),
  });
  const count = clientIds.length;
  const { handleSubmit, submitting } = useFormSubmit(form, {
    save: (values) => api['clients.assignProfile']({ clientIds, profileId: values.profileId ?? 0 }),
    savedMessage: ({ updated }) => `Assigned the profile to ${plural(updated, 'client')}`,
    failureTitle: 'Profile not assigned',
    onSaved,
  });
  return (
    <FormModal title="Assign profile" onClose={onClose} onSubmit={handleSubmit} submitting={submitting}>
      <Text size="sm" mb="md">
        Assign a Low Balance Profile to {plural(count, 'selected client')}. The profile must belong to their
        reseller.
      </Text>
      <IdSelect
        label="Profile"
        withAsterisk
        searchable
        // Focus comes back here after a refused save; an open list would hide the message.
        openOnFocus={false}
        data-autofocus
        nothingFoundMessage="No profile found; create one under Profiles"
        options={profileOptions(profiles)}
        value={form.values.profileId}
        onChange={(id) => form.setFieldValue('profileId', id)}
        error={form.errors.profileId}
      />
    </FormModal>
  );
}
