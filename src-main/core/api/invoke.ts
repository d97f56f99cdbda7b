import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CoreEventName } from '../../shared/events';
import { AppError, type ApiResult, type FieldIssue } from '../../shared/errors';
import type { CoreContext } from '../context';
import type { Handler } from './define-handler';
import type { EventEmitter } from './event-bus';

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The context's emitter, limited to the events the handler declares: the metadata hosts rely on stays true. */
function declaredEvents(ctx: CoreContext, channel: string, declared: readonly CoreEventName[]): EventEmitter {
  return {
    emit(name, payload) {
      if (!declared.includes(name)) {
        throw new Error(`${channel} emitted "${name}", which its handler does not declare in emits`);
      }
      ctx.events.emit(name, payload);
    },
  };
}

/**
 * What the UI reads of an error nobody expected: a reference to find it in the
 * log, never its text (which can hold SQL and the values bound to it).
 */
export function unexpectedErrorMessage(reference: string): string {
  return `Something went wrong (reference ${reference}). The details are in Lowbal's log under that reference.`;
}

/**
 * Runs one operation: validates its input, refuses it on a read-only host when
 * it needs the scheduler lease, runs it, and turns every outcome into a
 * serializable result. Known errors (AppError) keep their messages;
 * unexpected ones are logged whole with a reference, which is all the caller gets.
 */
export async function invokeHandler(
  table: Record<string, Handler>,
  ctx: CoreContext,
  channel: string,
  rawInput: unknown,
): Promise<ApiResult<unknown>> {
  const handler = Object.hasOwn(table, channel) ? table[channel] : undefined;
  if (!handler) {
    return { ok: false, error: { code: 'not_found', message: `Unknown operation: ${channel}`, issues: [] } };
  }
  const parsed = handler.input.safeParse(rawInput);
  if (!parsed.success) {
    const error = AppError.validation(zodIssues(parsed.error));
    return { ok: false, error: { code: error.code, message: error.message, issues: error.issues } };
  }
  try {
    if (handler.meta.needsLease) ctx.lease.assertMaySend();
    const events = declaredEvents(ctx, channel, handler.meta.emits ?? []);
    return { ok: true, value: await handler.run(parsed.data, { ...ctx, events }) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { code: error.code, message: error.message, issues: error.issues } };
    }
    const reference = randomBytes(4).toString('hex');
    ctx.log.error('operation failed', {
      channel,
      reference,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return { ok: false, error: { code: 'internal', message: unexpectedErrorMessage(reference), issues: [] } };
  }
}
