export interface FieldIssue {
  /** Dotted path of the field, e.g. `advancedRules.1.emails.0`; '' for the whole input. */
  path: string;
  message: string;
}

export type AppErrorCode = 'validation' | 'not_found' | 'conflict' | 'read_only' | 'unavailable' | 'internal';

/** An error the UI can show as it is: a message, and per-field issues for forms. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(issues: FieldIssue[]): AppError {
    const message =
      issues.length === 1
        ? issues[0].message
        : `${issues.length} fields need attention: ${issues[0].message}`;
    return new AppError('validation', message, issues);
  }

  static field(path: string, message: string): AppError {
    return AppError.validation([{ path, message }]);
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} was not found; it may have been deleted`);
  }
}

export interface SerializedError {
  code: AppErrorCode;
  message: string;
  issues: FieldIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
