import { z } from 'zod';
import {
  checkNowSchema,
  enginePreviewSchema,
  type EngineStatusView,
} from '../../shared/schemas/notification';
import { defineHandler } from '../api/define-handler';
import type { CoreContext } from '../context';
import { loadSmtpSettings } from '../mail/smtp-settings-repo';
import { outboxCounts } from '../notifications/notification-repo';
import { previewCheck } from './check-profile';
import { checkNow } from './check-runs';
import { nextCheckAt, readLastCheck } from './check-history-repo';
import { isPaused, setPaused } from './engine-settings-repo';

const noInput = z.object({}).optional();

async function engineStatus(ctx: CoreContext): Promise<EngineStatusView> {
  return {
    running: ctx.engine.scheduler !== null,
    paused: await isPaused(ctx.db),
    smtpConfigured: (await loadSmtpSettings(ctx.db)) !== undefined,
    queue: await outboxCounts(ctx.db, ctx.now()),
    nextCheckAt: await nextCheckAt(ctx.db),
    lastCheck: await readLastCheck(ctx.db),
  };
}

export const engineHandlers = {
  'engine.status': defineHandler(noInput, (_input, ctx) => engineStatus(ctx)),

  /** Holds scheduled checks and all sending until resumed; survives restarts. */
  'engine.pause': defineHandler(noInput, async (_input, ctx) => {
    await setPaused(ctx.db, true, ctx.now());
    ctx.log.info('notifications paused');
    return engineStatus(ctx);
  }),

  'engine.resume': defineHandler(noInput, async (_input, ctx) => {
    await setPaused(ctx.db, false, ctx.now());
    ctx.log.info('notifications resumed');
    ctx.engine.scheduler?.kickTick();
    return engineStatus(ctx);
  }),

  /** Checks one profile (or all) now; what it queues is sent right away unless paused. */
  'engine.checkNow': defineHandler(checkNowSchema, async ({ profileId }, ctx) => {
    ctx.lease.assertMaySend();
    const checks = await checkNow(ctx, profileId);
    const paused = await isPaused(ctx.db);
    if (!paused) ctx.engine.scheduler?.kickDispatch();
    return { checks, paused };
  }),

  /** A dry run: what a check would e-mail now, without sending or counting. */
  'engine.preview': defineHandler(enginePreviewSchema, ({ profileId, limit }, ctx) =>
    previewCheck(ctx, profileId, limit),
  ),
};
