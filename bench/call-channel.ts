import type { Channel, ChannelInput, ChannelOutput } from '../src-main/core/api/handler-table';
import type { Core } from '../src-main/core/create-core';

/** Calls a channel through the core's real boundary; an error result fails the benchmark. */
export async function callChannel<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as ChannelOutput<C>;
}
