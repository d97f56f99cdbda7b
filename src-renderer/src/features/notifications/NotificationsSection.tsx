import { useRoute } from 'wouter';
import { NotificationsPage } from './NotificationsPage';
import { ProfilePreviewPage } from './ProfilePreviewPage';

/**
 * `/notifications` is the history (`/notifications/failed` opens it filtered
 * to failures); `/notifications/preview/:profileId` is one profile's dry run.
 */
export function NotificationsSection() {
  const [isPreview, params] = useRoute<{ id: string }>('/notifications/preview/:id');
  const [failedOnly] = useRoute('/notifications/failed');
  const id = isPreview ? Number(params.id) : NaN;
  if (Number.isSafeInteger(id) && id > 0) return <ProfilePreviewPage key={id} profileId={id} />;
  return (
    <NotificationsPage
      key={failedOnly ? 'failed' : 'all'}
      initialStatus={failedOnly ? 'failed' : undefined}
    />
  );
}
