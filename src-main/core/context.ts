import type { Knex } from 'knex';
import type { EventEmitter } from './api/event-bus';
import type { EngineRuntime, EngineState } from './engine/engine-runtime';
import type { SchedulerLease } from './lease/scheduler-lease';
import type { Logger } from './logger';
import type { OutboxRuntime } from './mail/outbox/outbox-runtime';
import type { SecretStore } from './mail/secret-store';

/** What every handler receives: the database and the process-wide services. */
export interface CoreContext {
  /** A reader's context holds a read-only connection (see `HandlerMeta`). */
  db: Knex;
  /** Epoch milliseconds; tests substitute a controllable clock. */
  now: () => number;
  log: Logger;
  /** The folder holding the database (and backups). */
  dataDir: string;
  /** Keeps the SMTP password (the host chooses where: safeStorage, a file, the environment). */
  secrets: SecretStore;
  /** The notification engine's state: the running scheduler, the check run and its lane. */
  engine: EngineRuntime;
  /** One sender per database: whether this process holds the scheduler lease, or runs read-only. */
  lease: SchedulerLease;
  /** The engine as the UI sees it: on a reader, the writer's latest copy. */
  engineState(): EngineState;
  /** Emits the core's events (a handler may emit only those it declares). */
  events: EventEmitter;
  /** The outbox's process-wide state: this process's sender lease, the outcome writer, the timings. */
  outbox: OutboxRuntime;
}
