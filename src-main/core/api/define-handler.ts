import type { z } from 'zod';
import type { CoreEventName } from '../../shared/events';
import type { CoreContext } from '../context';

/**
 * What an operation is, which is how hosts route it and the invoke layer guards it:
 *
 * - `reads`: it changes nothing (no row, no process state), so it runs on a
 *   reader, on its own read-only connection, and never waits for a check;
 * - `writes`: it changes the database or the engine, so it runs on the
 *   writer; `needsLease` when only the host holding the scheduler lease may
 *   run it (it queues e-mails or counts them), and `emits` lists the events
 *   it may emit (emitting any other is a bug the invoke layer reports).
 */
export type HandlerMeta =
  | { reads: true; writes?: never; needsLease?: never; emits?: never }
  | { writes: true; reads?: never; needsLease?: boolean; emits?: readonly CoreEventName[] };

export interface Handler<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  meta: HandlerMeta;
  run: (input: z.output<S>, ctx: CoreContext) => R | Promise<R>;
}

/** One operation of the API: its input schema (validated at the boundary), what it is, and its implementation. */
export function defineHandler<S extends z.ZodType, R>(
  input: S,
  meta: HandlerMeta,
  run: (input: z.output<S>, ctx: CoreContext) => R | Promise<R>,
): Handler<S, R> {
  return { input, meta, run };
}
