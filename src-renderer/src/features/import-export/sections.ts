import type { ImportPlan, SectionName } from '@core/interchange/interchange-types';

/** The sections of an interchange file, in the order they are applied, with their labels. */
export const SECTION_LABELS: Record<SectionName, string> = {
  currencies: 'Currencies',
  resellers: 'Resellers',
  users: 'Users',
  profiles: 'Profiles',
  clients: 'Clients',
};

export const SECTIONS = Object.keys(SECTION_LABELS) as SectionName[];

/** "3 created, 2 updated, 1 removed", or "no change". */
export function describePlan(plan: ImportPlan): string {
  const total = (key: 'create' | 'update' | 'delete') =>
    SECTIONS.reduce((sum, name) => sum + plan[name][key], 0);
  const parts = [
    [total('create'), 'created'],
    [total('update'), 'updated'],
    [total('delete'), 'removed'],
  ]
    .filter(([count]) => Number(count) > 0)
    .map(([count, verb]) => `${count} ${verb}`);
  return parts.length ? parts.join(', ') : 'no change';
}

/** "1 currencies, 3 clients": the sections present in `counts`, in file order. */
export function describeCounts(counts: Partial<Record<SectionName, number>>): string {
  return SECTIONS.filter((name) => counts[name] !== undefined)
    .map((name) => `${counts[name]} ${SECTION_LABELS[name].toLowerCase()}`)
    .join(', ');
}
