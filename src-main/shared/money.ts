/**
 * Money is an integer number of 1/10,000 of a currency unit ("units").
 * Parsing and formatting go through strings so no float ever touches an amount.
 */
export const AMOUNT_SCALE = 10_000;
export const AMOUNT_DECIMALS = 4;
/** Largest accepted magnitude, in currency units (keeps units far inside Number.MAX_SAFE_INTEGER). */
export const AMOUNT_LIMIT = 100_000_000_000;
const LIMIT_UNITS = AMOUNT_LIMIT * AMOUNT_SCALE;

export type ParseResult = { ok: true; value: number } | { ok: false; message: string };

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/** Parses a decimal string (or a JS number, as JSON imports may hold) with up to `decimals` places. */
export function parseScaled(input: string | number, decimals: number, limitUnits: number): ParseResult {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: 'must be a finite number' };
    text = String(input);
    if (/e/i.test(text)) return { ok: false, message: 'must be a plain decimal number' };
  } else {
    text = input.trim().replace(/[\s_]/g, '');
  }
  if (text === '') return { ok: false, message: 'is required' };
  const match = DECIMAL.exec(text.startsWith('.') ? `0${text}` : text.replace(/^([+-])\./, '$10.'));
  if (!match) return { ok: false, message: 'must be a number like 12.50' };
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > decimals) {
    return { ok: false, message: `must have at most ${decimals} decimal places` };
  }
  const digits = whole.replace(/^0+(?=\d)/, '') + fraction.padEnd(decimals, '0');
  if (digits.length > 16) return { ok: false, message: 'is out of range' };
  const magnitude = Number(digits);
  if (magnitude > limitUnits) return { ok: false, message: 'is out of range' };
  return { ok: true, value: sign === '-' && magnitude !== 0 ? -magnitude : magnitude };
}

export function parseAmount(input: string | number): ParseResult {
  const result = parseScaled(input, AMOUNT_DECIMALS, LIMIT_UNITS);
  if (!result.ok && result.message === 'is out of range') {
    return { ok: false, message: `must be between -${AMOUNT_LIMIT} and ${AMOUNT_LIMIT}` };
  }
  return result;
}

/** Formats units as a decimal string with at least `minDecimals` and at most 4 places. */
export function formatScaled(units: number, decimals: number, minDecimals: number): string {
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function formatAmount(units: number, minDecimals = 2): string {
  return formatScaled(units, AMOUNT_DECIMALS, minDecimals);
}

/** Human display: thousands separators and the currency code, e.g. "1,234.50 USD". */
export function displayAmount(units: number, currencyCode?: string): string {
  const text = formatAmount(units);
  const [whole, fraction] = text.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = units < 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}${currencyCode ? ` ${currencyCode}` : ''}`;
}

/** Rates are integers of rate × 10^8. */
export const RATE_DECIMALS = 8;
export const RATE_LIMIT_UNITS = 1_000_000 * 10 ** RATE_DECIMALS;
/** The base currency's rate: 1. */
export const BASE_RATE_E8 = 10 ** RATE_DECIMALS;

export function parseRate(input: string | number): ParseResult {
  const result = parseScaled(input, RATE_DECIMALS, RATE_LIMIT_UNITS);
  if (result.ok && result.value <= 0) return { ok: false, message: 'must be greater than 0' };
  if (!result.ok && result.message === 'is out of range') {
    return { ok: false, message: 'must be at most 1000000' };
  }
  return result;
}

export function formatRate(rateE8: number): string {
  return formatScaled(rateE8, RATE_DECIMALS, 0);
}

/**
 * Converts an amount from one currency into another through their base rates
 * (units per 1 base unit). Rounds half away from zero to the nearest unit, in
 * exact integer arithmetic.
 */
export function convertAmount(units: number, fromRateE8: number, toRateE8: number): number {
  if (fromRateE8 === toRateE8) return units;
  const numerator = BigInt(units) * BigInt(toRateE8);
  const denominator = BigInt(fromRateE8);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const roundAway = twice >= denominator ? (numerator < 0n ? -1n : 1n) : 0n;
  return Number(quotient + roundAway);
}
