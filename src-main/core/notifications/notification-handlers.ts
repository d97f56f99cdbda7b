import { AppError } from '../../shared/errors';
import {
  notificationIdSchema,
  notificationListSchema,
  notificationRetrySchema,
} from '../../shared/schemas/notification';
import { defineHandler } from '../api/define-handler';
import { requeueFailed } from '../mail/outbox/outbox-repo';
import { getNotification, listNotifications } from './notification-repo';

export const notificationHandlers = {
  'notifications.list': defineHandler(notificationListSchema, { reads: true }, (query, ctx) =>
    listNotifications(ctx.db, query),
  ),

  'notifications.get': defineHandler(notificationIdSchema, { reads: true }, async ({ id }, ctx) => {
    const notification = await getNotification(ctx.db, id);
    if (!notification) throw AppError.notFound('Notification');
    return notification;
  }),

  /** Failed e-mails go back to the queue, due now, with a fresh set of attempts. */
  'notifications.retry': defineHandler(
    notificationRetrySchema,
    { writes: true, emits: ['engine.changed'] },
    async ({ ids }, ctx) => {
      const requeued = await requeueFailed(ctx.db, ids, ctx.now());
      if (requeued === 0) {
        throw new AppError(
          'conflict',
          ids.length === 1 ? 'Only a failed e-mail can be retried' : 'None of these e-mails failed',
        );
      }
      ctx.engine.scheduler?.kickDispatch();
      ctx.events.emit('engine.changed', {});
      return { requeued };
    },
  ),
};
