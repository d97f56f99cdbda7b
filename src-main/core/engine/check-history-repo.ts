import type { Knex } from 'knex';
import { z } from 'zod';
import { RULE_KINDS } from '../../shared/rule-kinds';
import type { CheckSummary } from '../../shared/schemas/notification';

const storedDetailSchema = z.object({
  reasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  items: z.array(
    z.object({
      clientId: z.number(),
      clientName: z.string(),
      ruleKind: z.enum(RULE_KINDS).optional(),
      address: z.string().nullable().optional(),
      reason: z.string(),
    }),
  ),
  maxQtyReached: z.number(),
});

function parseDetail(text: string | null): z.output<typeof storedDetailSchema> {
  try {
    const parsed = storedDetailSchema.safeParse(JSON.parse(text ?? 'null'));
    if (parsed.success) return parsed.data;
  } catch {
    // An unreadable detail reads as none.
  }
  return { reasons: [], items: [], maxQtyReached: 0 };
}

/** The most recent finished check, as its summary. */
export async function readLastCheck(db: Knex): Promise<CheckSummary | null> {
  const row = await db('checks')
    .whereNotNull('finished_at')
    .orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first();
  if (!row) return null;
  const detail = parseDetail(row.skipped_detail);
  return {
    checkId: Number(row.id),
    profileId: Number(row.profile_id),
    profileName: String(row.profile_name),
    startedAt: Number(row.started_at),
    finishedAt: Number(row.finished_at),
    clientsEvaluated: Number(row.clients_evaluated),
    matches: Number(row.matches),
    queued: Number(row.queued),
    maxQtyReached: detail.maxQtyReached,
    skipped: Number(row.skipped),
    skippedReasons: detail.reasons,
    skippedItems: detail.items,
  };
}

/** When the next scheduled check is due (the earliest over all profiles). */
export async function nextCheckAt(db: Knex): Promise<number | null> {
  const [row] = await db.raw<{ at: number | null }[]>(`SELECT min(next_check_at) AS at FROM profiles`);
  return row.at === null ? null : Number(row.at);
}
