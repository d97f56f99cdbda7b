import type { CoreContext } from '../../context';
import type { SendResult } from './delivery-policy';
import type { ClaimedMessage } from './outbox-repo';

/** Whether a peer answers again, asked while it is unreachable. */
export type ProbeResult = { reachable: true } | { reachable: false; error: string };

/** One channel's connection to its peer (an SMTP server, a gateway), built from its settings. */
export interface ChannelSender {
  /** Messages it sends at once (the outbox sends at most `SENDS_AT_ONCE`). */
  readonly concurrency: number;
  /**
   * Sends one message and classifies what happened; never rejects. The peer
   * must not be able to accept it before `mayCommit` resolves (SMTP: the end
   * of the data waits): that is when the previous outcome of the same slot
   * is written, so a crash never leaves more than one delivery per slot unrecorded.
   */
  send(message: ClaimedMessage, mayCommit: Promise<void>): Promise<SendResult>;
  /** Checks that the peer answers, without sending anything; never rejects. */
  probe(): Promise<ProbeResult>;
  /** Drops every connection, sends in flight included. */
  close(): void;
}

/**
 * A way to deliver notifications through the outbox. The outbox does the rest
 * for every channel alike: claims, outcomes as they happen, retries and giving
 * up, holding the queue while the peer is unreachable, and the status.
 */
export interface OutboxChannel<Config> {
  /** The channel's name in logs and the status, e.g. `email`. */
  name: string;
  /** The peer in words, e.g. "Mail server". */
  peer: string;
  /** The channel's settings; null while it is not set up (messages wait). A change rebuilds the sender. */
  loadConfig(ctx: CoreContext): Promise<Config | null>;
  /** Messages per minute; 0 = no limit. */
  rateLimitPerMinute(config: Config): number;
  createSender(config: Config, ctx: CoreContext): Promise<ChannelSender>;
}
