import type { Knex } from 'knex';
import { z } from 'zod';
import type { PeerStatusView } from '../../../shared/schemas/delivery';
import { CHANNELS } from '../../channels/registry';
import type { SenderState } from './sender-lease';

/** Every channel the outbox delivers through (one piece of data the status and the senders read). */
export const OUTBOX_CHANNELS: { name: string; peer: string }[] = CHANNELS.all();

/** How long "delivering again" stays on after an outage. */
export const RECOVERED_SHOWN_MS = 10 * 60_000;

const pad = (value: number) => String(value).padStart(2, '0');

/** `10:02` on the same day as `now` in `timeZone`, `2026-11-27 10:02` on another. */
export function formatClock(at: number, now: number, timeZone: string): string {
  const parts = (ms: number) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      })
        .formatToParts(ms)
        .map((part) => [part.type, part.value]),
    );
  const day = (ms: number) => {
    const { year, month, day: date } = parts(ms);
    return `${year}-${pad(Number(month))}-${pad(Number(date))}`;
  };
  const { hour, minute } = parts(at);
  const time = `${pad(Number(hour))}:${pad(Number(minute))}`;
  return day(at) === day(now) ? time : `${day(at)} ${time}`;
}

const senderStateSchema = z.record(
  z.string(),
  z.object({
    unreachableSince: z.number().nullable(),
    error: z.string().nullable(),
    recoveredAt: z.number().nullable(),
  }),
);

/** A sender's `state` column; anything unreadable counts as nothing seen. */
function parseState(text: string | null): SenderState {
  try {
    return senderStateSchema.parse(JSON.parse(text ?? ''));
  } catch {
    return {};
  }
}

export interface StatusClock {
  /** The outbox clock (outage times are on it). */
  now: number;
  /** The lease clock (which senders are alive). */
  leaseNow: number;
  timeZone: string;
}

/**
 * How each channel's peer stands, merged over the live senders (any of them
 * finding it unreachable is enough), with the line every host shows and logs:
 * "Mail server unreachable since 10:02 — 37 waiting", then "Mail server
 * reachable again since 10:05 — delivering again" for a few minutes.
 */
export async function readPeerStatus(db: Knex, clock: StatusClock): Promise<PeerStatusView[]> {
  const senders = (await db('outbox_senders').where('expires_at', '>=', clock.leaseNow).select('state')) as {
    state: string | null;
  }[];
  const [{ waiting }] = await db('notifications')
    .whereIn('status', ['queued', 'sending'])
    .count({ waiting: '*' });
  const states = senders.map((sender) => parseState(sender.state));
  return OUTBOX_CHANNELS.map(({ name, peer }) => {
    const seen = states.flatMap((state) => (state[name] ? [state[name]] : []));
    const down = seen
      .filter((state) => state.unreachableSince !== null)
      .sort((a, b) => a.unreachableSince! - b.unreachableSince!)[0];
    const recoveredAt = Math.max(...seen.map((state) => state.recoveredAt ?? 0));
    const count = Number(waiting);
    if (down) {
      const since = down.unreachableSince!;
      return {
        channel: name,
        peer,
        condition: 'unreachable',
        since,
        error: down.error,
        waiting: count,
        line: `${peer} unreachable since ${formatClock(since, clock.now, clock.timeZone)} — ${count} waiting`,
      };
    }
    if (clock.now - recoveredAt < RECOVERED_SHOWN_MS) {
      return {
        channel: name,
        peer,
        condition: 'recovered',
        since: recoveredAt,
        error: null,
        waiting: count,
        line: `${peer} reachable again since ${formatClock(recoveredAt, clock.now, clock.timeZone)} — delivering again`,
      };
    }
    return {
      channel: name,
      peer,
      condition: 'reachable',
      since: null,
      error: null,
      waiting: count,
      line: null,
    };
  });
}
