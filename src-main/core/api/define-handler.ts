import type { z } from 'zod';
import type { CoreContext } from '../context';

export interface Handler<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  run: (input: z.output<S>, ctx: CoreContext) => R | Promise<R>;
}

/** One operation of the API: its input schema (validated at the boundary) and its implementation. */
export function defineHandler<S extends z.ZodType, R>(
  input: S,
  run: (input: z.output<S>, ctx: CoreContext) => R | Promise<R>,
): Handler<S, R> {
  return { input, run };
}
