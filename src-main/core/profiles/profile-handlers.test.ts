import { describe, expect, it } from 'vitest';
import { createTestCore } from '../../test-support/test-core';

describe('smoke', () => {
  it('creates a profile', async () => {
    const core = await createTestCore();
    const cur = await core.call('currencies.create', {
      code: 'USD',
      name: 'US Dollar',
      rate: '1',
      isBase: true,
    });
    const res = await core.call('resellers.create', { name: 'Acme', email: 'noc@acme.example' });
    const p = await core.call('profiles.create', {
      name: 'Std',
      resellerId: res.id,
      currencyId: cur.id,
      sortOrder: 0,
      maxQty: 3,
      period: { value: 24, unit: 'hours' },
      userNotification: { threshold: '50', notify: true, userIds: [], emails: [] },
      clientNotification: { threshold: '', notify: false, emails: [] },
      advancedRules: [
        { threshold: '5', notify: false, inactivity: { value: 3, unit: 'days' }, emails: ['a@b.example'] },
      ],
    });
    expect(p.userNotification.threshold).toBe(500000);
    expect(p.advancedRules[0].emails).toEqual(['a@b.example']);
    await core.close();
  });
});
