import { MultiSelect } from '@mantine/core';
import { RULE_KIND_DESCRIPTIONS } from '@shared/rule-kinds';
import type { UserView } from '@shared/views';
import { errorUnder } from '../../components/form-errors';
import { NotificationRuleFieldset } from './NotificationRuleFieldset';
import { useProfileFormContext } from './profile-form-context';

export function UserNotificationFieldset({
  users,
  currencyCode,
}: {
  users: UserView[];
  currencyCode: string;
}) {
  const form = useProfileFormContext();
  const { userIds } = form.values.userNotification;
  return (
    <NotificationRuleFieldset
      rule="userNotification"
      legend={RULE_KIND_DESCRIPTIONS.user.formSection}
      notifyDescription="Send to the e-mail of the client's Reseller"
      currencyCode={currencyCode}
    >
      <MultiSelect
        label="Users"
        description="Staff who receive this notification"
        placeholder={userIds.length ? undefined : 'Choose users'}
        searchable
        nothingFoundMessage="No user found; add users under Users"
        data={users.map((user) => ({ value: String(user.id), label: `${user.name} <${user.email}>` }))}
        value={userIds.map(String)}
        onChange={(ids) => form.setFieldValue('userNotification.userIds', ids.map(Number))}
        error={errorUnder(form.errors, 'userNotification.userIds')}
      />
    </NotificationRuleFieldset>
  );
}
