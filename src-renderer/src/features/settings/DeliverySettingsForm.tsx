import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback } from 'react';
import {
  deliverySettingsSchema,
  type DeliverySettingsInput,
  type DeliverySettingsView,
} from '@shared/schemas/delivery';
import { api } from '../../api';
import { DurationInput } from '../../components/DurationInput';
import { errorMessage } from '../../components/notify';
import { schemaResolver } from '../../components/schema-resolver';
import { useApiData } from '../../components/use-api-data';
import { useFormSubmit } from '../../components/use-form-submit';

function DeliveryForm({ saved, onSaved }: { saved: DeliverySettingsView; onSaved: () => void }) {
  const form = useForm<DeliverySettingsInput>({
    initialValues: saved,
    validate: schemaResolver(deliverySettingsSchema),
  });
  const { handleSubmit, submitting } = useFormSubmit(form, {
    save: (values) => api['delivery.saveSettings'](values),
    savedMessage: () => 'Delivery settings saved',
    failureTitle: 'Delivery settings not saved',
    onSaved,
  });
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack maw={720} gap="sm">
        <Title order={4}>Retries</Title>
        <Text size="sm" c="dimmed">
          A message the server refuses for now (4xx, a timeout) is retried with growing pauses, at most this
          long; then it fails with the server&apos;s last reply. While the server cannot be reached at all,
          nothing is tried and this time is not spent.
        </Text>
        <Group align="flex-end" maw={360}>
          <DurationInput
            label="Give up after"
            valueProps={form.getInputProps('giveUpAfter.value')}
            unitProps={form.getInputProps('giveUpAfter.unit')}
          />
        </Group>
        <Group>
          <Button type="submit" variant="default" loading={submitting}>
            Save retries
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Settings → E-mail, below the server: how long the outbox retries a message. */
export function DeliverySettingsForm() {
  const saved = useApiData(useCallback(() => api['delivery.getSettings']({}), []));
  if (saved.error) {
    return (
      <Alert color="red" title="Could not load the delivery settings">
        {errorMessage(saved.error)}
      </Alert>
    );
  }
  if (!saved.data) return <Loader aria-label="Loading" />;
  return <DeliveryForm saved={saved.data} onSaved={saved.reload} />;
}
