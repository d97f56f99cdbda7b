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
}

export interface LeaseClaim {
  holder: string;
  description: string;
  now: number;
  /** How long the lease lasts without a heartbeat. */
  ttlMs: number;
}

const LEASE_ID = 1;

function toLease(row: Record<string, string | number>): LeaseRow {
  return {
    holder: String(row.holder),
    description: String(row.description),
    acquiredAt: Number(row.acquired_at),
    heartbeatAt: Number(row.heartbeat_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function readLease(db: Knex): Promise<LeaseRow | null> {
  const row = (await db('scheduler_lease').where({ id: LEASE_ID }).first()) as
    Record<string, string | number> | undefined;
  return row ? toLease(row) : null;
}

/**
 * Takes the lease when it is free, expired, or already ours (then it is
 * extended), in one statement, so two hosts racing for it cannot both win.
 * Returns the lease as it now stands: ours when `holder` matches the claim.
 */
export async function claimLease(db: Knex, claim: LeaseClaim): Promise<LeaseRow | null> {
  await db.raw(
    `INSERT INTO scheduler_lease (id, holder, description, acquired_at, heartbeat_at, expires_at)
     VALUES (:id, :holder, :description, :now, :now, :expires)
     ON CONFLICT (id) DO UPDATE SET
       acquired_at = CASE WHEN holder = excluded.holder THEN acquired_at ELSE excluded.acquired_at END,
       holder = excluded.holder,
       description = excluded.description,
       heartbeat_at = excluded.heartbeat_at,
       expires_at = excluded.expires_at
     WHERE scheduler_lease.expires_at < excluded.heartbeat_at OR scheduler_lease.holder = excluded.holder`,
    {
      id: LEASE_ID,
      holder: claim.holder,
      description: claim.description,
      now: claim.now,
      expires: claim.now + claim.ttlMs,
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
