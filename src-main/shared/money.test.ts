import { describe, expect, it } from 'vitest';
import { convertAmount, displayAmount, formatAmount, parseAmount, parseRate } from './money';

describe('parseAmount', () => {
  it.each([
    ['12.5', 125_000],
    ['-0.0001', -1],
    ['.5', 5_000],
    ['-.5', -5_000],
    ['1 000.25', 10_002_500],
    [12.5, 125_000],
    ['0', 0],
    ['-0', 0],
    ['100000000000', 1_000_000_000_000_000],
  ])('%j → %d units', (input, units) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: units });
  });

  it.each([
    ['1.23456', 'must have at most 4 decimal places'],
    ['abc', 'must be a number like 12.50'],
    ['', 'is required'],
    ['100000000000.0001', 'must be between -100000000000 and 100000000000'],
    [1e-7, 'must be a plain decimal number'],
    [Number.NaN, 'must be a finite number'],
  ])('%j is refused: %s', (input, message) => {
    expect(parseAmount(input)).toEqual({ ok: false, message });
  });
});

describe('formatAmount and displayAmount', () => {
  it('keeps two decimals at least and four at most, exactly', () => {
    expect(formatAmount(125_000)).toBe('12.50');
    expect(formatAmount(-1)).toBe('-0.0001');
    expect(formatAmount(10_002_500, 4)).toBe('1000.2500');
    expect(displayAmount(12_345_678_900, 'USD')).toBe('1,234,567.89 USD');
    expect(displayAmount(-5_000)).toBe('-0.50');
  });

  it('round-trips every parsed amount', () => {
    for (const text of ['0.01', '-42.4242', '99999999999.9999', '7']) {
      const parsed = parseAmount(text);
      expect(
        parsed.ok && parseAmount(formatAmount(parsed.value)).ok && parseAmount(formatAmount(parsed.value)),
      ).toEqual(parsed);
    }
  });
});

describe('rates and conversion', () => {
  it('parses rates with up to 8 decimals and refuses zero', () => {
    expect(parseRate('0.92')).toEqual({ ok: true, value: 92_000_000 });
    expect(parseRate('0')).toEqual({ ok: false, message: 'must be greater than 0' });
  });

  it('converts through the base with exact half-away-from-zero rounding', () => {
    const usd = 100_000_000; // base
    const eur = 92_000_000; // 0.92 EUR per USD
    expect(convertAmount(1_000_000, usd, eur)).toBe(920_000); // 100 USD → 92 EUR
    expect(convertAmount(920_000, eur, usd)).toBe(1_000_000);
    expect(convertAmount(1, eur, usd)).toBe(1); // 0.0001 EUR → 0.000108… USD rounds to 0.0001
    expect(convertAmount(-3, 300_000_000, usd)).toBe(-1); // -0.0003 / 3 = -0.0001
    expect(convertAmount(5, 200_000_000, usd)).toBe(3); // 2.5 rounds away from zero
    expect(convertAmount(-5, 200_000_000, usd)).toBe(-3);
  });
});
