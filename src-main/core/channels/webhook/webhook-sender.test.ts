import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimedMessage } from '../../mail/outbox/outbox-repo';
import { createWebhookSender, webhookId } from './webhook-sender';

const SECRET = `whsec_${Buffer.from('a secret of thirty-two bytes!!!!').toString('base64')}`;
const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A receiver that verifies every event with the Standard Webhooks library, as an operator's system would. */
async function receiver(secret: string) {
  const verified: { id: string; event: unknown }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      try {
        const event = new Webhook(secret).verify(body, request.headers as Record<string, string>);
        verified.push({ id: String(request.headers['webhook-id']), event });
        response.writeHead(204).end();
      } catch (error) {
        response.writeHead(400).end(String(error));
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, verified };
}

const message = (id: number, event: unknown): ClaimedMessage => ({
  id,
  recipient: 'Ops',
  subject: '',
  textBody: JSON.stringify(event),
  htmlBody: '',
  claimedBy: 'me',
  attempts: 0,
  interruptions: 0,
  retrySince: null,
});

describe('webhook sender against a receiver verifying Standard Webhooks signatures', () => {
  it('signs each event so the receiver verifies it, with the same id on every attempt', async () => {
    const peer = await receiver(SECRET);
    const sender = createWebhookSender({ url: peer.url, secret: SECRET });
    const event = { type: 'lowbal.low_balance', id: '7', data: { balance: '12.5000' } };
    expect(await sender.send(message(7, event), Promise.resolve())).toMatchObject({ kind: 'delivered' });
    expect(await sender.send(message(7, event), Promise.resolve())).toMatchObject({ kind: 'delivered' });
    expect(peer.verified).toEqual([
      { id: webhookId(7), event },
      { id: webhookId(7), event },
    ]);
  });

  it('an event signed with another secret is refused by the receiver: permanent, with its reply', async () => {
    const peer = await receiver(SECRET);
    const other = `whsec_${Buffer.from('another secret of 32 bytes!!!!!!').toString('base64')}`;
    const sender = createWebhookSender({ url: peer.url, secret: other });
    const result = await sender.send(message(8, { type: 'lowbal.low_balance' }), Promise.resolve());
    expect(result).toEqual({
      kind: 'permanent',
      error: expect.stringMatching(/^HTTP 400: .*No matching signature found/),
    });
    expect(peer.verified).toEqual([]);
  });

  it('a signature older than the receiver tolerates is refused (the timestamp is the sending time)', async () => {
    const peer = await receiver(SECRET);
    const sender = createWebhookSender(
      { url: peer.url, secret: SECRET },
      { now: () => Date.now() - 3_600_000 },
    );
    const result = await sender.send(message(9, {}), Promise.resolve());
    expect(result).toEqual({ kind: 'permanent', error: expect.stringMatching(/^HTTP 400: .*too old/) });
  });
});
