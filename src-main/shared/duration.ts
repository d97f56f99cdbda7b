export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export interface Duration {
  value: number;
  unit: DurationUnit;
}

const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3600, days: 86400 };

/** Longest duration accepted anywhere: 10 years. */
export const MAX_DURATION_SECONDS = 3650 * 86400;

export function durationSeconds(duration: Duration): number {
  return duration.value * UNIT_SECONDS[duration.unit];
}

export function formatDuration(duration: Duration): string {
  const unit = duration.value === 1 ? duration.unit.slice(0, -1) : duration.unit;
  return `${duration.value} ${unit}`;
}

export const DEFAULT_PERIOD: Duration = { value: 24, unit: 'hours' };
