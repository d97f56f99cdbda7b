import { NotificationRuleFieldset } from './NotificationRuleFieldset';

export function ClientNotificationFieldset({ currencyCode }: { currencyCode: string }) {
  return (
    <NotificationRuleFieldset
      rule="clientNotification"
      legend="Client Notification"
      notifyDescription="Send to the client's Billing Email"
      currencyCode={currencyCode}
    />
  );
}
