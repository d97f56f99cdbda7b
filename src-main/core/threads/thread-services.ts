import type { MessagePort } from 'node:worker_threads';
import { AppError, type ApiResult } from '../../shared/errors';
import type { Logger, LogLevel } from '../logger';
import type { SecretStore } from '../mail/secret-store';
import type { CoreThreadInit, SecretOperation, ThreadToHost } from './protocol';

type Port = Pick<MessagePort, 'postMessage'>;

/** A field as it can cross to the host: errors as their message (what the log prints of them anyway). */
function portable(value: unknown): unknown {
  if (value instanceof Error) return value.message;
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return String(value);
  }
}

/** The thread's log goes to the host's logger, which timestamps, filters and writes it. */
export function portLogger(port: Port): Logger {
  const log =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      const clean = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, portable(value)]));
      port.postMessage({ type: 'log', level, message, fields: clean } satisfies ThreadToHost);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * The host's secret store seen from a core thread: each encrypt or decrypt is
 * a message to the host, which alone holds the keychain (Electron's
 * safeStorage); the thread only ever has the values it asked for.
 */
export class SecretStoreProxy implements SecretStore {
  readonly description: string;
  readonly external: boolean;
  private readonly pending = new Map<number, { resolve(value: string): void; reject(error: Error): void }>();
  private next = 0;

  constructor(
    private readonly port: Port,
    info: CoreThreadInit['secrets'],
  ) {
    this.description = info.description;
    this.external = info.external;
  }

  encrypt(plain: string): Promise<string> {
    return this.ask('encrypt', plain);
  }

  decrypt(stored: string): Promise<string> {
    return this.ask('decrypt', stored);
  }

  async discard(stored: string): Promise<void> {
    await this.ask('discard', stored);
  }

  /** The host's answer to a request. */
  settle(id: number, result: ApiResult<string>): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    if (result.ok) request.resolve(result.value);
    else request.reject(new AppError(result.error.code, result.error.message, result.error.issues));
  }

  private ask(operation: SecretOperation, value: string): Promise<string> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ type: 'secret', id, operation, value } satisfies ThreadToHost);
    });
  }
}

/** The host's side of the proxy: runs what a thread asked of the host's store. */
export async function runSecretOperation(
  store: SecretStore,
  { operation, value }: { operation: SecretOperation; value: string },
): Promise<string> {
  switch (operation) {
    case 'encrypt':
      return store.encrypt(value);
    case 'decrypt':
      return store.decrypt(value);
    case 'discard':
      await store.discard?.(value);
      return '';
  }
}
