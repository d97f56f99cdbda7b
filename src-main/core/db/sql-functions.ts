import { isValidEmail } from '../../shared/email';

export interface SqlFunctionHost {
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => number): unknown;
}

/**
 * Registers the application's SQL functions on a new connection:
 * `lowbal_is_email(text)` → 1 when the address passes the same check as the
 * forms (`shared/email.ts`), so the engine validates recipients inside set-based SQL.
 */
export function registerSqlFunctions(connection: SqlFunctionHost): void {
  connection.function('lowbal_is_email', { deterministic: true }, (value) =>
    typeof value === 'string' && isValidEmail(value) ? 1 : 0,
  );
}
