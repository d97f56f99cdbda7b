import { Checkbox, Fieldset, SimpleGrid, Stack } from '@mantine/core';
import { EmailsInput } from '../../components/EmailsInput';
import { errorUnder } from '../../components/form-errors';
import { useProfileFormContext } from './profile-form-context';
import { ThresholdInput } from './ThresholdInput';

export function ClientNotificationFieldset({ currencyCode }: { currencyCode: string }) {
  const form = useProfileFormContext();
  return (
    <Fieldset legend="Client Notification">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ThresholdInput path="clientNotification.threshold" currencyCode={currencyCode} />
          <Checkbox
            mt={{ sm: 'xl' }}
            label="Notify"
            description="Send to the client's Billing Email"
            {...form.getInputProps('clientNotification.notify', { type: 'checkbox' })}
          />
        </SimpleGrid>
        <EmailsInput
          value={form.values.clientNotification.emails}
          onChange={(emails) => form.setFieldValue('clientNotification.emails', emails)}
          error={errorUnder(form.errors, 'clientNotification.emails')}
        />
      </Stack>
    </Fieldset>
  );
}
