import { describeUses } from '../api/assert-exists';
import { SECTION_NAMES, type SectionName } from './format';
import type { Snapshot } from './interchange-repo';
import type { ImportIssue, ImportPlan, SectionPlan } from './interchange-types';
import type { ParseOutcome } from './parse-document';
import { planCurrencies, planResellers, planUsers } from './plan-catalogs';
import { planClients } from './plan-clients';
import { PlanContext } from './plan-context';
import { planProfiles } from './plan-profiles';
import type { ImportWrites, SectionWrites } from './plan-writes';

export interface PlannedImport {
  writes: ImportWrites;
  plan: ImportPlan;
  refills: number;
  issues: ImportIssue[];
}

/**
 * Compares the file with the database: resolves every reference by natural key,
 * finds duplicates and what Replace would remove, and decides per entry whether
 * it creates, updates or leaves a row alone. Pure: the database is the snapshot.
 */
export function planImport(
  snapshot: Snapshot,
  parsed: ParseOutcome,
  options: { replace: boolean; now: number },
): PlannedImport {
  const ctx = new PlanContext(snapshot, parsed, options);
  const currencies = planCurrencies(ctx);
  const resellers = planResellers(ctx);
  const users = planUsers(ctx);
  const profiles = planProfiles(ctx);
  const clients = planClients(ctx);
  const writes: ImportWrites = { currencies, resellers, users, profiles, clients: clients.writes };
  planRemovals(ctx, writes);
  return { writes, plan: planCounts(writes), refills: clients.refills, issues: sortIssues(ctx.issues) };
}

/** What Replace removes, refused while something the file leaves in place still uses it. */
function planRemovals(ctx: PlanContext, writes: ImportWrites): void {
  writes.currencies.delete = ctx.removed(ctx.currencies).map((c) => c.id);
  writes.resellers.delete = ctx.removed(ctx.resellers).map((r) => r.id);
  writes.users.delete = ctx.removed(ctx.users).map((u) => u.id);
  writes.profiles.delete = ctx.removed(ctx.profiles).map((p) => p.id);
  writes.clients.delete = ctx.removed(ctx.clients).map((c) => c.id);

  // A section the file holds is rewritten whole, so only the stored rows of the other sections can still refer.
  const kept = (section: SectionName) => !ctx.present.has(section);
  const { profiles, clientUsage } = ctx.snapshot;
  const uses = (match: (row: { resellerId: number; currencyId: number }) => boolean) => ({
    profile: kept('profiles') ? profiles.filter(match).length : 0,
    client: kept('clients') ? clientUsage.filter(match).reduce((sum, u) => sum + u.count, 0) : 0,
  });
  const refuse = (path: SectionName, what: string, counts: Record<string, number>) => {
    const users = describeUses(counts);
    if (users) {
      ctx.issue([path], `Replace would remove ${what}, still used by ${users} that this file does not list`);
    }
  };
  for (const currency of ctx.removed(ctx.currencies)) {
    refuse(
      'currencies',
      `currency ${currency.code}`,
      uses((row) => row.currencyId === currency.id),
    );
  }
  for (const reseller of ctx.removed(ctx.resellers)) {
    refuse(
      'resellers',
      `reseller "${reseller.name}"`,
      uses((row) => row.resellerId === reseller.id),
    );
  }
}

function planCounts(writes: ImportWrites): ImportPlan {
  const counts = (section: SectionWrites<unknown>): SectionPlan => ({
    create: section.create.length,
    update: section.update.length,
    unchanged: section.unchanged,
    delete: section.delete.length,
  });
  return Object.fromEntries(SECTION_NAMES.map((name) => [name, counts(writes[name])])) as ImportPlan;
}

/** Problems in file order: the envelope first, then by section and entry; stable within an entry. */
function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  const order = (path: string): [number, number] => {
    const match = /^\$(?:\.(\w+))?(?:\[(\d+)\])?/.exec(path);
    const section = SECTION_NAMES.indexOf(match?.[1] as SectionName);
    return [section, match?.[2] === undefined ? -1 : Number(match[2])];
  };
  return issues
    .map((issue, position) => ({ issue, position, key: order(issue.path) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.position - b.position)
    .map(({ issue }) => issue);
}
