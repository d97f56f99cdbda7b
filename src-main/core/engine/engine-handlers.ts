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
import { readEngineOverview } from '../overview/read-overview';
import { previewCheck } from './check-profile';
import { checkNow } from './check-runs';
import { nextCheckAt, readLastCheck } from './check-history-repo';
import { isPaused, setPaused } from './engine-settings-repo';

const noInput = z.object({}).optional();

async function engineStatus(ctx: CoreContext): Promise<EngineStatusView> {
  const state = ctx.engineState();
  return {
    running: state.running,
    check: state.check,
    paused: await isPaused(ctx.db),
    smtpConfigured: (await loadSmtpSettings(ctx.db)) !== undefined,
    queue: await outboxCounts(ctx.db, ctx.now()),
    nextCheckAt: await nextCheckAt(ctx.db),
    lastCheck: await readLastCheck(ctx.db),
  };
}

export const engineHandlers = {
  'engine.status': defineHandler(noInput, { reads: true }, (_input, ctx) => engineStatus(ctx)),

  /** The scheduler and the outbox at a glance (the tray's status lines). */
  'engine.overview': defineHandler(noInput, { reads: true }, (_input, ctx) => readEngineOverview(ctx)),

  /** Holds scheduled checks and all sending until resumed; survives restarts. */
  'engine.pause': defineHandler(noInput, { writes: true, emits: ['engine.changed'] }, async (_input, ctx) => {
    await setPaused(ctx.db, true, ctx.now());
    ctx.log.info('notifications paused');
    ctx.events.emit('engine.changed', {});
    return engineStatus(ctx);
  }),

  'engine.resume': defineHandler(
    noInput,
    { writes: true, emits: ['engine.changed'] },
    async (_input, ctx) => {
      await setPaused(ctx.db, false, ctx.now());
      ctx.log.info('notifications resumed');
      ctx.engine.scheduler?.kickTick();
      ctx.events.emit('engine.changed', {});
      return engineStatus(ctx);
    },
  ),

  /**
   * Checks one profile (or all) now, after a check already running; what it
   * queues is sent right away unless paused. Cancelled, it returns the
   * profiles it checked.
   */
  'engine.checkNow': defineHandler(
    checkNowSchema,
    { writes: true, needsLease: true, emits: ['check.progress', 'engine.changed'] },
    async ({ profileId }, ctx) => {
      const { checks, cancelled } = await checkNow(ctx, profileId);
      const paused = await isPaused(ctx.db);
      if (!paused) ctx.engine.scheduler?.kickDispatch();
      return { checks, paused, cancelled };
    },
  ),

  /** Stops the running check at its next step: the profile it was checking is left as it was. */
  'engine.cancelCheck': defineHandler(noInput, { writes: true, emits: ['check.progress'] }, (_input, ctx) => {
    const cancelling = ctx.engine.cancelCheck();
    if (cancelling) ctx.log.info('check cancel asked for');
    return { cancelling };
  }),

  /** A dry run: what a check would e-mail now, without sending or counting. */
  'engine.preview': defineHandler(enginePreviewSchema, { reads: true }, ({ profileId, limit }, ctx) =>
    previewCheck(ctx, profileId, limit),
  ),
};
