import type { APIRequestContext } from '@playwright/test';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-main/core/api/handler-table';
import type { RunningHost } from './host';

/** Calls the core over the headless host's HTTP API, as the renderer does (for a test's setup). */
export async function callApi<C extends Channel>(
  request: APIRequestContext,
  host: RunningHost,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const response = await request.post(`${host.origin}/api/${channel}`, {
    headers: { Authorization: `Bearer ${host.token}` },
    data: input ?? {},
  });
  const result = (await response.json()) as
    { ok: true; value: ChannelOutput<C> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}
