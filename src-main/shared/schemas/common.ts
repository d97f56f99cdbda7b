import { z } from 'zod';
import { parseAmount, parseRate } from '../money';
import { DURATION_UNITS, MAX_DURATION_SECONDS, durationSeconds } from '../duration';
import { isValidEmail } from '../email';
import { CLOCK_TIME, isTimeZone, type QuietHours } from '../quiet-hours';

/**
 * Field schemas shared by the core (validation at the API boundary) and the
 * renderer's forms. Inputs are what a form holds (strings, numbers, ''), outputs
 * are what the core stores (integers of units, trimmed strings).
 */

export const id = (label: string) =>
  z
    .number({ error: `${label} is required` })
    .int({ error: `${label} is required` })
    .positive({
      error: `${label} is required`,
    });

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

/** An integer field as a NumberInput holds it: a number, or a string while typing. */
export const integer = (label: string, min: number, max: number) =>
  z.union([z.number(), z.string()], { error: `${label} must be a whole number` }).transform((raw, ctx) => {
    const text = typeof raw === 'number' ? String(raw) : raw.trim();
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return z.NEVER;
    }
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a whole number` });
      return z.NEVER;
    }
    if (value < min) {
      ctx.addIssue({ code: 'custom', message: `${label} must be ${min} or more` });
      return z.NEVER;
    }
    if (value > max) {
      ctx.addIssue({ code: 'custom', message: `${label} must be ${max} or less` });
      return z.NEVER;
    }
    return value;
  });

export const RUNWAY_DAYS_MAX = 3650;
const RUNWAY_MESSAGE = `Runway must be a whole number of days from 1 to ${RUNWAY_DAYS_MAX}`;

/** The Runway condition ("runs out within N days", SPEC §7): whole days; empty or null = no such condition. */
export const runwayDays = () =>
  z
    .union([z.null(), z.number(), z.string()], { error: RUNWAY_MESSAGE })
    .transform((raw, ctx) => {
      const text = raw === null ? '' : typeof raw === 'number' ? String(raw) : raw.trim();
      if (text === '') return null;
      const value = Number(text);
      if (!/^\d+$/.test(text) || value < 1 || value > RUNWAY_DAYS_MAX) {
        ctx.addIssue({ code: 'custom', message: RUNWAY_MESSAGE });
        return z.NEVER;
      }
      return value;
    })
    .default(null);

/** An exact amount (string or number) → integer units of 1/10,000. */
export const amount = (label: string) =>
  z.union([z.string(), z.number()], { error: `${label} must be a number` }).transform((raw, ctx) => {
    const parsed = parseAmount(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `${label} ${parsed.message}` });
      return z.NEVER;
    }
    return parsed.value;
  });

/** A threshold: empty (or null) means the rule is off. */
export const threshold = (label = 'Threshold') =>
  z
    .union([z.string(), z.number(), z.null()], { error: `${label} must be a number` })
    .optional()
    .transform((raw, ctx) => {
      if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
      const parsed = parseAmount(raw);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `${label} ${parsed.message}` });
        return z.NEVER;
      }
      return parsed.value;
    });

/** A rate: units of a currency per 1 base unit, up to 8 decimals → integer rate × 10^8; empty = no rate. */
export const rate = (label = 'Rate') =>
  z
    .union([z.string(), z.number(), z.null()], { error: `${label} must be a number` })
    .optional()
    .transform((raw, ctx) => {
      if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
      const parsed = parseRate(raw);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `${label} ${parsed.message}` });
        return z.NEVER;
      }
      return parsed.value;
    });

export const email = (label = 'E-mail') =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required` })
    .refine(isValidEmail, { error: (issue) => `${String(issue.input)} is not a valid e-mail address` });

export const optionalEmail = (label: string) =>
  z
    .string()
    .trim()
    .nullable()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return null;
      if (!isValidEmail(raw)) {
        ctx.addIssue({ code: 'custom', message: `${label}: ${raw} is not a valid e-mail address` });
        return z.NEVER;
      }
      return raw;
    });

/** A list of extra addresses; duplicates (case-insensitive) are dropped. */
export const emailList = () =>
  z
    .array(email('E-mail'), { error: 'Emails must be a list of addresses' })
    .max(50, { error: 'Emails can hold at most 50 addresses' })
    .transform((list) => {
      const seen = new Set<string>();
      return list.filter((address) => {
        const key = address.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    });

export const duration = (label: string) =>
  z
    .object({
      value: integer(label, 1, 3650 * 24 * 60),
      unit: z.enum(DURATION_UNITS, { error: `${label} unit must be minutes, hours or days` }),
    })
    .superRefine((value, ctx) => {
      if (durationSeconds(value) > MAX_DURATION_SECONDS) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `${label} must be at most 10 years` });
      }
    });

/** A duration that may be left empty (no value, or null in the file): null = no such condition. */
export const optionalDuration = (label: string) =>
  z.preprocess(
    (raw) =>
      raw === undefined ||
      raw === null ||
      (typeof raw === 'object' && 'value' in raw && (raw.value === '' || raw.value === null))
        ? null
        : raw,
    duration(label).nullable(),
  );

const clockTime = (label: string) =>
  z
    .string({ error: `${label} must be a time such as 08:00` })
    .trim()
    .refine((text) => CLOCK_TIME.test(text), {
      error: `${label} must be a time such as 08:00 (24-hour clock)`,
    });

/**
 * Quiet hours (SPEC §7: `Send from`, `Send until`, `Time zone`): null, or all
 * three empty, = any time. `until` earlier than `from` runs across midnight;
 * `from` = `until` would be a window of nothing, so it is refused.
 */
export const quietHours = () =>
  z
    .union(
      [
        z.null(),
        z.object({
          from: z.string({ error: 'Send from must be a time such as 08:00' }),
          until: z.string({ error: 'Send until must be a time such as 20:00' }),
          timeZone: z.string({ error: 'Time zone must be an IANA time zone such as Europe/London' }),
        }),
      ],
      { error: 'Quiet hours must be null or { from, until, timeZone }' },
    )
    .transform((raw, ctx): QuietHours | null => {
      if (raw === null || [raw.from, raw.until, raw.timeZone].every((part) => part.trim() === ''))
        return null;
      const parts = z
        .object({ from: clockTime('Send from'), until: clockTime('Send until'), timeZone: z.string().trim() })
        .superRefine((value, inner) => {
          if (!isTimeZone(value.timeZone)) {
            inner.addIssue({
              code: 'custom',
              path: ['timeZone'],
              message: `Time zone must be an IANA time zone such as Europe/London (not "${value.timeZone}")`,
            });
          }
          if (value.from === value.until) {
            inner.addIssue({
              code: 'custom',
              path: ['until'],
              message: 'Send until must differ from Send from',
            });
          }
        })
        .safeParse(raw);
      if (!parts.success) {
        for (const issue of parts.error.issues)
          ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        return z.NEVER;
      }
      return parts.data;
    });
