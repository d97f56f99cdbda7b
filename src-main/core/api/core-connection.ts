import type { CoreEventListener } from '../../shared/events';
import type { ApiResult, SerializedError } from '../../shared/errors';
import type { Channel, ChannelInput, ChannelOutput } from './handler-table';

/** The core as a host uses it, in this thread (the CLI, tests) or in its own threads (the app, the service). */
export interface CoreConnection {
  /** Runs one operation of the handler table; always resolves with a result. */
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Every event the core emits from now on; returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void;
  close(): Promise<void>;
}

/** A call that returned an error result, thrown by `callCore`. */
export class CoreCallFailed extends Error {
  constructor(readonly error: SerializedError) {
    super(error.message);
  }
}

/** Calls a channel with its typed input and returns its typed output; an error result throws `CoreCallFailed`. */
export async function callCore<C extends Channel>(
  core: Pick<CoreConnection, 'invoke'>,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, input);
  if (!result.ok) throw new CoreCallFailed(result.error);
  return result.value as ChannelOutput<C>;
}
