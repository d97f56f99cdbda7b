import type { Channel, LowbalApi } from '@core/api/handler-table';
import type { ApiResult, AppErrorCode, FieldIssue, SerializedError } from '@shared/errors';

/** How calls reach the core: the preload bridge in Electron, HTTP in a browser. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
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
