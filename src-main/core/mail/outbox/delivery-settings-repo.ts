import type { Knex } from 'knex';
import { durationSeconds } from '../../../shared/duration';
import {
  DEFAULT_GIVE_UP_AFTER,
  deliverySettingsSchema,
  type DeliverySettingsView,
} from '../../../shared/schemas/delivery';
import { readSetting, writeSetting } from '../../settings/settings-repo';

const DELIVERY_KEY = 'delivery';

export async function loadDeliverySettings(db: Knex): Promise<DeliverySettingsView> {
  return (
    (await readSetting(db, DELIVERY_KEY, deliverySettingsSchema)) ?? { giveUpAfter: DEFAULT_GIVE_UP_AFTER }
  );
}

export function saveDeliverySettings(db: Knex, settings: DeliverySettingsView, now: number): Promise<void> {
  return writeSetting(db, DELIVERY_KEY, settings, now);
}

/** How long a message's temporary failures are retried, in ms. */
export async function readRetryFor(db: Knex): Promise<number> {
  return durationSeconds((await loadDeliverySettings(db)).giveUpAfter) * 1000;
}
