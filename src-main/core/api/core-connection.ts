import type { CoreEventListener } from '../../shared/events';
import type { ApiResult } from '../../shared/errors';

/** The core as a host uses it, in this thread (the CLI, tests) or in its own threads (the app, the service). */
export interface CoreConnection {
  /** Runs one operation of the handler table; always resolves with a result. */
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Every event the core emits from now on; returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void;
  close(): Promise<void>;
}
