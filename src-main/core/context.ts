import type { Knex } from 'knex';
import type { Logger } from './logger';

/** What every handler receives: the database and the process-wide services. */
export interface CoreContext {
  db: Knex;
  /** Epoch milliseconds; tests substitute a controllable clock. */
  now: () => number;
  log: Logger;
  /** The folder holding the database (and backups). */
  dataDir: string;
}
