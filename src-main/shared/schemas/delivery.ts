import { z } from 'zod';
import type { Duration } from '../duration';
import { duration } from './common';

/** How the outbox delivers, on every channel alike. */
export const deliverySettingsSchema = z.object({
  /** How long temporary failures of one message are retried before it fails ("Give up after"). */
  giveUpAfter: duration('Give up after'),
});
export type DeliverySettingsInput = z.input<typeof deliverySettingsSchema>;

export interface DeliverySettingsView {
  giveUpAfter: Duration;
}

export const DEFAULT_GIVE_UP_AFTER: Duration = { value: 3, unit: 'days' };

/** How one channel's peer stands, as the senders see it. */
export type PeerCondition = 'reachable' | 'unreachable' | 'recovered';

export interface PeerStatusView {
  /** The channel, e.g. `email`. */
  channel: string;
  /** The peer in words, e.g. "Mail server". */
  peer: string;
  /** `recovered`: it answers again after an outage that ended within the last few minutes. */
  condition: PeerCondition;
  /** Since when it is unreachable, or when it answered again; null while reachable. */
  since: number | null;
  /** Why it is unreachable (its last reply or the connection error). */
  error: string | null;
  /** Notifications waiting in the outbox (queued or being sent). */
  waiting: number;
  /** What the Overview, the tray and the log say: "Mail server unreachable since 10:02 — 37 waiting"; null when all is well. */
  line: string | null;
}
