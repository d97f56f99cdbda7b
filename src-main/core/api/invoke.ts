import type { z } from 'zod';
import { AppError, type ApiResult, type FieldIssue } from '../../shared/errors';
import type { CoreContext } from '../context';
import type { Handler } from './define-handler';

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Runs one operation: validates its input, runs it, and turns every outcome
 * into a serializable result. Unexpected errors are logged and reported without
 * internals.
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
    return { ok: true, value: await handler.run(parsed.data, ctx) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { code: error.code, message: error.message, issues: error.issues } };
    }
    ctx.log.error('operation failed', { channel, error });
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `${channel} failed: ${message}`, issues: [] } };
  }
}
