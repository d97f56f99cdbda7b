import { Webhook } from 'standardwebhooks';
import type { ChannelSender } from '../../mail/outbox/channel';
import type { ClaimedMessage } from '../../mail/outbox/outbox-repo';
import { DEFAULT_HTTP_TIMEOUT_MS, probeHttp, sendHttp, type HttpRequest } from '../http/http-delivery';

/** One webhook destination: where events go and the secret they are signed with (`whsec_…`). */
export interface WebhookEndpoint {
  url: string;
  secret: string;
}

/**
 * The Standard Webhooks id of a notification: the same on every attempt, so
 * a receiver recognises an event sent again after a crash or a timeout.
 */
export const webhookId = (notificationId: number) => `msg_lowbal_${notificationId}`;

/** The signed POST of one event (its JSON is the message's rendered text), per the Standard Webhooks specification. */
export function signedWebhookRequest(
  endpoint: WebhookEndpoint,
  message: ClaimedMessage,
  at: Date,
): HttpRequest {
  const id = webhookId(message.id);
  const body = message.textBody;
  return {
    url: endpoint.url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(endpoint.secret).sign(id, at, body),
    },
    body,
  };
}

/** The outbox's sender for one webhook destination. */
export function createWebhookSender(
  endpoint: WebhookEndpoint,
  options: { timeoutMs?: number; now?: () => number } = {},
): ChannelSender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  return {
    concurrency: 5,
    async send(message, mayCommit) {
      // Signed once it may go out: the timestamp is when it is sent, not when it was claimed.
      await mayCommit.catch(() => {});
      return sendHttp(signedWebhookRequest(endpoint, message, new Date(now())), mayCommit, timeoutMs);
    },
    probe: () => probeHttp(endpoint.url, timeoutMs),
    close: () => {},
  };
}
