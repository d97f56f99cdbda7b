import type { CoreEvent } from '../../shared/events';
import type { ApiResult, SerializedError } from '../../shared/errors';
import type { ChannelRoutes } from '../api/handler-table';
import type { EngineState } from '../engine/engine-runtime';
import type { LogLevel } from '../logger';

/**
 * The messages between a host's thread and the core's threads. The handler
 * table is the protocol: a call names a channel and carries its input; the
 * rest is what a thread needs from its host (secrets, its log) and what the
 * writer tells everyone (events, the engine's state).
 */

/** Which part of the core a thread runs. */
export type CorePart = 'writer' | 'reader';

/** What a core thread starts with (`workerData`). */
export interface CoreThreadInit {
  part: CorePart;
  dataDir: string;
  nativeBinding?: string;
  /** The host's secret store, as the settings form describes it; its values come by message. */
  secrets: { description: string; external: boolean };
  /** The writer takes the scheduler lease as this host (and runs the scheduler while it holds it). */
  lease?: { description: string; holder: string };
  /** A reader's first copy of the engine's state (later copies come by message). */
  engineState?: EngineState;
}

export type SecretOperation = 'encrypt' | 'decrypt' | 'discard';

export type HostToThread =
  | { type: 'call'; id: number; channel: string; input: unknown }
  | { type: 'engine-state'; state: EngineState }
  | { type: 'secret-result'; id: number; result: ApiResult<string> }
  | { type: 'close' };

export type ThreadToHost =
  | { type: 'ready'; routes: ChannelRoutes }
  | { type: 'start-failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; event: CoreEvent }
  | { type: 'engine-state'; state: EngineState }
  | { type: 'log'; level: LogLevel; message: string; fields: Record<string, unknown> }
  | { type: 'secret'; id: number; operation: SecretOperation; value: string }
  | { type: 'closed' };

export function serializeError(error: unknown): SerializedError {
  const { code, issues } = error as { code?: unknown; issues?: unknown };
  return {
    code: typeof code === 'string' ? (code as SerializedError['code']) : 'internal',
    message: error instanceof Error ? error.message : String(error),
    issues: Array.isArray(issues) ? issues : [],
  };
}
