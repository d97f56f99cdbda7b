import type { Channel, LowbalApi } from '@core/api/handler-table';
import type { CoreEventListener } from '@shared/events';
import type { ApiResult, AppErrorCode, FieldIssue, SerializedError } from '@shared/errors';

/** How calls reach the core, and its events the page: the preload bridge in Electron, HTTP in a browser. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  /** The core's events from now on (IPC push, or the host's event stream); returns the unsubscribe. */
  subscribe?(listener: CoreEventListener): () => void;
}

/** A failed call, with the per-field issues a form can show next to its fields. */
export class ApiError extends Error {
  readonly code: AppErrorCode;
  readonly issues: FieldIssue[];
  constructor(error: SerializedError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.issues = error.issues;
  }
}

export function createApi(transport: Transport): LowbalApi {
  return new Proxy({} as LowbalApi, {
    get: (_target, channel: string) => async (input: unknown) => {
      const result = await transport.invoke(channel, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
  });
}

export type { Channel };

/** One subscription to the transport for the whole page, shared by every component that listens. */
export function createEventHub(transport: Transport): { subscribe(listener: CoreEventListener): () => void } {
  const listeners = new Set<CoreEventListener>();
  let stop: (() => void) | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      stop ??= transport.subscribe?.((event) => listeners.forEach((each) => each(event))) ?? null;
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = null;
        }
      };
    },
  };
}
