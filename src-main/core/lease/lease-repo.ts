import type { Knex } from 'knex';

/** The row of `scheduler_lease`: which process may run the scheduler on this database. */
export interface LeaseRow {
  /** A random id per run of a host. */
  holder: string;
  /** Who that is, for people: "desktop app on host X (pid N)". */
  description: string;
  acquiredAt: number;
  heartbeatAt: number;
  expiresAt: number;
  /** Where the holder runs (null in leases taken before this was recorded). */
  host: string | null;
  pid: number | null;
}

export interface LeaseClaim {
  holder: string;
  description: string;
  host: string;
  pid: number;
  now: number;
  /** How long the lease lasts without a heartbeat. */
  ttlMs: number;
  /** Take the lease from this holder even before it expires: it is known to be gone. */
  takeOverFrom?: string;
}

const LEASE_ID = 1;

function toLease(row: Record<string, string | number>): LeaseRow {
  return {
    holder: String(row.holder),
    description: String(row.description),
    acquiredAt: Number(row.acquired_at),
    heartbeatAt: Number(row.heartbeat_at),
    expiresAt: Number(row.expires_at),
    host: row.host === null || row.host === undefined ? null : String(row.host),
    pid: row.pid === null || row.pid === undefined ? null : Number(row.pid),
  };
}

export async function readLease(db: Knex): Promise<LeaseRow | null> {
  const row = (await db('scheduler_lease').where({ id: LEASE_ID }).first()) as
    Record<string, string | number> | undefined;
  return row ? toLease(row) : null;
}

/**
 * Takes the lease when it is free, expired, already ours (then it is
 * extended) or held by `takeOverFrom`, in one statement, so two hosts racing
 * for it cannot both win.
 * Returns the lease as it now stands: ours when `holder` matches the claim.
 */
export async function claimLease(db: Knex, claim: LeaseClaim): Promise<LeaseRow | null> {
  await db.raw(
    `INSERT INTO scheduler_lease (id, holder, description, host, pid, acquired_at, heartbeat_at, expires_at)
     VALUES (:id, :holder, :description, :host, :pid, :now, :now, :expires)
     ON CONFLICT (id) DO UPDATE SET
       acquired_at = CASE WHEN holder = excluded.holder THEN acquired_at ELSE excluded.acquired_at END,
       holder = excluded.holder,
       description = excluded.description,
       host = excluded.host,
       pid = excluded.pid,
       heartbeat_at = excluded.heartbeat_at,
       expires_at = excluded.expires_at
     WHERE scheduler_lease.expires_at < excluded.heartbeat_at OR scheduler_lease.holder = excluded.holder
       OR scheduler_lease.holder = :takeOverFrom`,
    {
      id: LEASE_ID,
      holder: claim.holder,
      description: claim.description,
      host: claim.host,
      pid: claim.pid,
      now: claim.now,
      expires: claim.now + claim.ttlMs,
      takeOverFrom: claim.takeOverFrom ?? null,
    },
  );
  return readLease(db);
}

/** Extends our lease; false when it is no longer ours (it expired and another host took it). */
export async function renewLease(db: Knex, claim: LeaseClaim): Promise<boolean> {
  const changed = await db('scheduler_lease')
    .where({ id: LEASE_ID, holder: claim.holder })
    .update({ heartbeat_at: claim.now, expires_at: claim.now + claim.ttlMs });
  return changed === 1;
}

/** Gives the lease up (only if it is still ours), so a waiting host can take it over at once. */
export async function releaseLease(db: Knex, holder: string): Promise<void> {
  await db('scheduler_lease').where({ id: LEASE_ID, holder }).delete();
}
