import { overviewInputSchema } from '../../shared/schemas/overview';
import { defineHandler } from '../api/define-handler';
import { readOverview } from './read-overview';

export const overviewHandlers = {
  /** The home page: scheduler state, outbox, failures, clients low now, deliveries per day. */
  'overview.get': defineHandler(overviewInputSchema, { reads: true }, ({ timeZone }, ctx) =>
    readOverview(ctx, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone),
  ),
};
