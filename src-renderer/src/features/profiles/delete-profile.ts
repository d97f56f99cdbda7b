import type { ProfileView } from '@shared/views';
import { api } from '../../api';
import { confirmDelete } from '../../components/confirm-delete';
import { notifyFailure } from '../../components/notify';

/** What deleting a profile does to the clients using it. */
function clientUsageMessage(clientCount: number): string {
  if (clientCount === 0) return 'No clients use this profile.';
  if (clientCount === 1) {
    return '1 client uses this profile; it will be unassigned. Its notification history is kept.';
  }
  return `${clientCount} clients use this profile; they will be unassigned. Their notification history is kept.`;
}

/** Asks, naming the profile and how many clients use it now, then deletes it. */
export async function deleteProfile(
  profile: ProfileView,
  onDeleted: () => void,
  onClosed?: () => void,
): Promise<void> {
  let current: ProfileView;
  try {
    current = await api['profiles.get']({ id: profile.id });
  } catch (error) {
    notifyFailure(`Could not delete profile "${profile.name}"`, error);
    onDeleted();
    onClosed?.();
    return;
  }
  confirmDelete({
    noun: 'profile',
    name: current.name,
    consequence: clientUsageMessage(current.clientCount),
    remove: () => api['profiles.delete']({ id: current.id }),
    onDeleted,
    onClosed,
  });
}
