import { describe, expect, it } from 'vitest';
import { convertAmount } from '../../shared/money';
import { convertInto, lowBound, ruleMatches } from './available-balance';

/** A small deterministic generator, so a failure can be replayed. */
function* numbers(seed: number): Generator<number, never> {
  let state = seed;
  for (;;) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield state;
  }
}

describe('lowBound', () => {
  it('splits amounts exactly where their conversion reaches the threshold', () => {
    const random = numbers(7);
    const next = (max: number) => random.next().value % max;
    const rates = [1, 3, 7, 90_000_000, 100_000_000, 110_000_000, 15_000_000_000, 2_500_000_000_000];
    for (let i = 0; i < 5_000; i++) {
      const from = rates[next(rates.length)] + next(1000);
      const to = rates[next(rates.length)] + next(1000);
      const threshold = next(2_000_000) - 1_000_000;
      const bound = lowBound(threshold, from, to);
      expect(convertAmount(bound, from, to) >= threshold, `bound ${bound} t=${threshold} ${from}→${to}`).toBe(
        true,
      );
      expect(convertAmount(bound - 1, from, to) < threshold, `bound-1 t=${threshold} ${from}→${to}`).toBe(
        true,
      );
    }
  });

  it('handles the thresholds around zero and equal rates', () => {
    for (const threshold of [-2, -1, 0, 1, 2]) {
      for (const [from, to] of [
        [3, 2],
        [2, 3],
        [100_000_000, 100_000_000],
      ]) {
        const bound = lowBound(threshold, from, to);
        expect(convertAmount(bound, from, to)).toBeGreaterThanOrEqual(threshold);
        expect(convertAmount(bound - 1, from, to)).toBeLessThan(threshold);
      }
    }
  });
});

describe('convertInto', () => {
  const usd = { id: 1, code: 'USD', rateE8: 100_000_000 };
  const eur = { id: 2, code: 'EUR', rateE8: 90_000_000 };
  const jpy = { id: 3, code: 'JPY', rateE8: null };

  it('converts through the base rates', () => {
    // 9 EUR at 0.9 EUR per USD is 10 USD.
    expect(convertInto(90_000, eur, usd)).toEqual({ ok: true, value: 100_000 });
  });

  it('reports the currency without a rate instead of failing', () => {
    expect(convertInto(10_000, jpy, usd)).toEqual({
      ok: false,
      missingRateCode: 'JPY',
      message: 'no rate for JPY',
    });
    expect(convertInto(10_000, usd, jpy)).toMatchObject({ ok: false, missingRateCode: 'JPY' });
  });

  it('needs no rate within one currency', () => {
    expect(convertInto(10_000, jpy, jpy)).toEqual({ ok: true, value: 10_000 });
  });
});

describe('ruleMatches', () => {
  const now = 1_800_000_000_000;
  const day = 86_400_000;

  it('matches below the threshold only', () => {
    expect(ruleMatches({ threshold: 100, inactivitySeconds: null }, 99, now, now)).toBe(true);
    expect(ruleMatches({ threshold: 100, inactivitySeconds: null }, 100, now, now)).toBe(false);
  });

  it('without a threshold (a Runway-only rule) any balance passes', () => {
    expect(ruleMatches({ threshold: null, inactivitySeconds: null }, 1_000_000, now, now)).toBe(true);
    expect(ruleMatches({ threshold: null, inactivitySeconds: 3600 }, 5, now, now)).toBe(false);
  });

  it('needs the inactivity for an advanced rule', () => {
    const rule = { threshold: 100, inactivitySeconds: 3 * 86_400 };
    expect(ruleMatches(rule, 0, now - 3 * day, now)).toBe(true);
    expect(ruleMatches(rule, 0, now - 3 * day + 1, now)).toBe(false);
  });
});
