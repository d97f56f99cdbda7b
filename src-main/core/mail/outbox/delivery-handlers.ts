import { z } from 'zod';
import { deliverySettingsSchema } from '../../../shared/schemas/delivery';
import { defineHandler } from '../../api/define-handler';
import { loadDeliverySettings, saveDeliverySettings } from './delivery-settings-repo';

export const deliveryHandlers = {
  /** How the outbox delivers: how long temporary failures are retried. */
  'delivery.getSettings': defineHandler(z.object({}).optional(), { reads: true }, (_input, ctx) =>
    loadDeliverySettings(ctx.db),
  ),

  'delivery.saveSettings': defineHandler(deliverySettingsSchema, { writes: true }, async (input, ctx) => {
    await saveDeliverySettings(ctx.db, input, ctx.now());
    ctx.log.info('delivery settings saved', {
      giveUpAfter: `${input.giveUpAfter.value} ${input.giveUpAfter.unit}`,
    });
    return input;
  }),
};
