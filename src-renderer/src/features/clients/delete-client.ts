import type { ClientRowView } from '@shared/client-views';
import { api } from '../../api';
import { confirmDelete } from '../../components/confirm-delete';
import { notifyFailure } from '../../components/notify';
import { plural } from '../../components/plural';

/** Asks, saying what goes with the client (its balance events and notification history), then deletes it. */
export async function deleteClient(
  client: ClientRowView,
  onDeleted: () => void,
  onClosed?: () => void,
): Promise<void> {
  let events: number;
  let notifications: number;
  try {
    const page = await api['clients.get']({ id: client.id, events: { offset: 0, limit: 1 } });
    events = page.events.total;
    notifications = page.notificationCount;
  } catch (error) {
    notifyFailure(`Could not delete client "${client.name}"`, error);
    onClosed?.();
    return;
  }
  confirmDelete({
    noun: 'client',
    name: client.name,
    consequence: `Its ${plural(events, 'balance event')} and its notification history (${plural(notifications, 'notification')}) are deleted with it.`,
    remove: () => api['clients.delete']({ id: client.id }),
    onDeleted,
    onClosed,
  });
}
