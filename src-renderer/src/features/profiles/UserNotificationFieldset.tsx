import { Checkbox, Fieldset, MultiSelect, SimpleGrid, Stack } from '@mantine/core';
import type { UserView } from '../../../../src-main/shared/views';
import { EmailsInput } from '../../components/EmailsInput';
import { errorUnder } from '../../components/form-errors';
import { useProfileFormContext } from './profile-form-context';
import { ThresholdInput } from './ThresholdInput';

export function UserNotificationFieldset({
  users,
  currencyCode,
}: {
  users: UserView[];
  currencyCode: string;
}) {
  const form = useProfileFormContext();
  const rule = form.values.userNotification;
  return (
    <Fieldset legend="User Notification">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ThresholdInput path="userNotification.threshold" currencyCode={currencyCode} />
          <Checkbox
            mt={{ sm: 'xl' }}
            label="Notify"
            description="Send to the e-mail of the client's Reseller"
            {...form.getInputProps('userNotification.notify', { type: 'checkbox' })}
          />
        </SimpleGrid>
        <MultiSelect
          label="Users"
          description="Staff who receive this notification"
          placeholder={rule.userIds.length ? undefined : 'Choose users'}
          searchable
          nothingFoundMessage="No user found; add users under Users"
          data={users.map((user) => ({ value: String(user.id), label: `${user.name} <${user.email}>` }))}
          value={rule.userIds.map(String)}
          onChange={(ids) => form.setFieldValue('userNotification.userIds', ids.map(Number))}
          error={errorUnder(form.errors, 'userNotification.userIds')}
        />
        <EmailsInput
          value={rule.emails}
          onChange={(emails) => form.setFieldValue('userNotification.emails', emails)}
          error={errorUnder(form.errors, 'userNotification.emails')}
        />
      </Stack>
    </Fieldset>
  );
}
