export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * One line per event, greppable: `2026-11-26T10:00:00.000Z INFO check finished profile=3 queued=2`.
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  minLevel: LogLevel = 'info',
): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const log =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      const rest = Object.entries(fields)
        .map(([key, value]) => `${key}=${formatValue(value)}`)
        .join(' ');
      write(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${rest ? ` ${rest}` : ''}`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function formatValue(value: unknown): string {
  const text =
    value instanceof Error ? value.message : typeof value === 'string' ? value : JSON.stringify(value);
  return /[\s"=]/.test(text ?? '') ? JSON.stringify(text) : String(text);
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
