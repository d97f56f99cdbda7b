import { afterEach, describe, expect, it } from 'vitest';
import { profileInputSchema } from '@shared/schemas/profile';
import { createTestCore, type TestCore } from '@test-support/test-core';
import {
  emptyProfileValues,
  newAdvancedRule,
  profileToFormValues,
  toProfileInput,
} from './profile-form-values';
import { summarizeRules } from './rule-summary';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('profile form values', () => {
  it('a saved profile reopened in the form and saved unchanged stays exactly the same', async () => {
    core = await createTestCore();
    await core.call('sample.load', {});
    const { rows } = await core.call('profiles.list', { offset: 0, limit: 10 });
    for (const before of rows) {
      const values = profileToFormValues(before);
      const after = await core.call('profiles.update', { id: before.id, profile: toProfileInput(values) });
      expect({ ...after, lastCheckAt: null, nextCheckAt: null }).toEqual({
        ...before,
        lastCheckAt: null,
        nextCheckAt: null,
      });
    }
  });

  it('shows thresholds as the decimals an operator types, and off rules as empty', async () => {
    core = await createTestCore();
    await core.call('sample.load', {});
    const { rows } = await core.call('profiles.list', { search: 'Credit watch', offset: 0, limit: 1 });
    const values = profileToFormValues(rows[0]);
    expect(values.userNotification.threshold).toBe('');
    expect(values.clientNotification.threshold).toBe('-10.00');
    expect(values.advancedRules.map((rule) => rule.threshold)).toEqual(['25.00', '-50.00']);
    expect(new Set(values.advancedRules.map((rule) => rule.key)).size).toBe(2);
  });

  it('an untouched new form fails only on what the operator must choose', () => {
    const result = profileInputSchema.safeParse(
      toProfileInput(emptyProfileValues({ resellerId: 0, currencyId: 0 })),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'currencyId',
      'name',
      'resellerId',
    ]);
  });

  it('a new advanced rule row is off, with an inactivity, and valid as it is', () => {
    const values = {
      ...emptyProfileValues({ resellerId: 1, currencyId: 1 }),
      name: 'P',
      advancedRules: [newAdvancedRule()],
    };
    const parsed = profileInputSchema.parse(toProfileInput(values));
    expect(parsed.advancedRules[0]).toMatchObject({
      threshold: null,
      inactivity: { value: 3, unit: 'days' },
    });
    expect(parsed.advancedRules[0]).not.toHaveProperty('key');
  });
});

describe('rule summary', () => {
  it('names each rule that is on, with its threshold', async () => {
    core = await createTestCore();
    await core.call('sample.load', {});
    const { rows } = await core.call('profiles.list', { offset: 0, limit: 10 });
    expect(Object.fromEntries(rows.map((p) => [p.name, summarizeRules(p)]))).toEqual({
      'Prepaid standard': 'User < 50.00 · Client < 20.00 · 1 advanced',
      'Business accounts': 'User < 100.00 · Client < 40.00 · 1 advanced',
      'Credit watch': 'Client < -10.00 · 2 advanced',
    });
    const allOff = await core.call('profiles.update', {
      id: rows[2].id,
      profile: {
        ...toProfileInput(profileToFormValues(rows[2])),
        clientNotification: { threshold: '', notify: true, emails: [] },
        advancedRules: [{ threshold: '', notify: true, inactivity: { value: 1, unit: 'days' }, emails: [] }],
      },
    });
    expect(summarizeRules(allOff)).toBe('1 advanced off');
  });
});
