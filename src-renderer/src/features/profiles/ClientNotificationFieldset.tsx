import { RULE_KIND_DESCRIPTIONS } from '@shared/rule-kinds';
import { NotificationRuleFieldset } from './NotificationRuleFieldset';

export function ClientNotificationFieldset({ currencyCode }: { currencyCode: string }) {
  return (
    <NotificationRuleFieldset
      rule="clientNotification"
      legend={RULE_KIND_DESCRIPTIONS.client.formSection}
      notifyDescription="Send to the client's Billing Email"
      currencyCode={currencyCode}
    />
  );
}
