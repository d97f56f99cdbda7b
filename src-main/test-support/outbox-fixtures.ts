import type { EngineWorld } from './engine-world';

/**
 * Puts `count` e-mails of one new low client straight into the outbox,
 * `queued`, due at `due(index)` (default now); returns their ids in order.
 */
export async function queueNotifications(
  w: EngineWorld,
  count: number,
  due?: (index: number) => number,
): Promise<number[]> {
  const profileId = await w.addProfile({ clientNotification: { threshold: '20', notify: true, emails: [] } });
  const clientId = await w.addClient({ name: `Client of profile ${profileId}`, balance: '5', profileId });
  const now = w.core.ctx.now();
  const ids: number[] = [];
  for (let index = 0; index < count; index++) {
    const [id] = await w.core.ctx.db('notifications').insert({
      client_id: clientId,
      profile_id: profileId,
      rule_kind: 'client',
      profile_name: 'p',
      recipient: `r${index}@client.example`,
      subject: `s${index}`,
      text_body: 't',
      html_body: 'h',
      status: 'queued',
      next_attempt_at: due ? due(index) : now,
      created_at: now,
      balance: 0,
      available: 0,
      threshold: 0,
      currency_code: 'USD',
      count: 1,
    });
    ids.push(Number(id));
  }
  return ids;
}
