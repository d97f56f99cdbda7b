import { Checkbox, Fieldset, SimpleGrid, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmailsInput } from '../../components/EmailsInput';
import { errorUnder } from '../../components/form-errors';
import { useProfileFormContext } from './profile-form-context';
import { ThresholdInput } from './ThresholdInput';

/**
 * The User or Client Notification rule: its Threshold with Notify beside it
 * (`notifyDescription` says where Notify sends), then `children`, then Emails.
 */
export function NotificationRuleFieldset({
  rule,
  legend,
  notifyDescription,
  currencyCode,
  children,
}: {
  rule: 'userNotification' | 'clientNotification';
  legend: string;
  notifyDescription: string;
  currencyCode: string;
  children?: ReactNode;
}) {
  const form = useProfileFormContext();
  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ThresholdInput path={`${rule}.threshold`} currencyCode={currencyCode} />
          <Checkbox
            mt={{ sm: 'xl' }}
            label="Notify"
            description={notifyDescription}
            {...form.getInputProps(`${rule}.notify`, { type: 'checkbox' })}
          />
        </SimpleGrid>
        {children}
        <EmailsInput
          value={form.values[rule].emails}
          onChange={(emails) => form.setFieldValue(`${rule}.emails`, emails)}
          error={errorUnder(form.errors, `${rule}.emails`)}
        />
      </Stack>
    </Fieldset>
  );
}
