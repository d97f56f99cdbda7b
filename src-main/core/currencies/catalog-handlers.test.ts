import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../test-support/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.close();
});

describe('currencies', () => {
  it('makes the first currency the base with rate 1, and moves the base on request', async () => {
    const usd = await core.call('currencies.create', { code: 'USD', name: 'US Dollar', rate: '' });
    expect(usd).toMatchObject({ isBase: true, rateE8: 100_000_000 });
    const eur = await core.call('currencies.create', { code: 'EUR', name: 'Euro', rate: '0.92' });
    expect(eur).toMatchObject({ isBase: false, rateE8: 92_000_000 });
    const gbp = await core.call('currencies.create', { code: 'GBP', name: 'Pound', rate: null });
    expect(gbp.rateE8).toBeNull();
    await core.call('currencies.update', {
      id: eur.id,
      currency: { code: 'EUR', name: 'Euro', rate: '1', isBase: true },
    });
    const list = await core.call('currencies.list', {});
    expect(list.map((c) => [c.code, c.isBase])).toEqual([
      ['EUR', true],
      ['GBP', false],
      ['USD', false],
    ]);
  });

  it('names the field of bad input', async () => {
    const lower = await core.callError('currencies.create', { code: 'usd', name: 'x', rate: '1' });
    expect(lower.issues[0]).toMatchObject({
      path: 'code',
      message: expect.stringMatching(/3 upper-case letters/),
    });
    const rate = await core.callError('currencies.create', { code: 'USD', name: 'x', rate: '-1' });
    expect(rate.issues[0]).toMatchObject({ path: 'rate', message: 'Rate must be greater than 0' });
    await core.call('currencies.create', { code: 'USD', name: 'US Dollar', rate: '1' });
    const dup = await core.callError('currencies.create', { code: 'USD', name: 'Again', rate: '1' });
    expect(dup.issues).toEqual([{ path: 'code', message: 'Currency USD already exists' }]);
  });
});

describe('resellers and users', () => {
  it('refuses to delete a reseller in use and says by what', async () => {
    const usd = await core.call('currencies.create', { code: 'USD', name: 'US Dollar', rate: '1' });
    const acme = await core.call('resellers.create', { name: 'Acme', email: 'noc@acme.example' });
    const now = Date.now();
    await core.ctx
      .db('clients')
      .insert({ name: 'C1', reseller_id: acme.id, currency_id: usd.id, created_at: now, updated_at: now });
    const error = await core.callError('resellers.delete', { id: acme.id });
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'Reseller "Acme" is used by 1 client; reassign or delete them first',
    });
    const dup = await core.callError('resellers.create', { name: 'ACME', email: 'x@acme.example' });
    expect(dup.issues[0].path).toBe('name');
  });

  it('keeps users unique by e-mail and unlinks them when their reseller goes', async () => {
    const acme = await core.call('resellers.create', { name: 'Acme', email: 'noc@acme.example' });
    const ann = await core.call('users.create', {
      name: 'Ann',
      email: 'ann@acme.example',
      resellerId: acme.id,
    });
    expect(ann.resellerName).toBe('Acme');
    const dup = await core.callError('users.create', { name: 'Ann 2', email: 'ANN@acme.example' });
    expect(dup.issues).toEqual([
      { path: 'email', message: 'A user with e-mail ANN@acme.example already exists' },
    ]);
    const bad = await core.callError('users.create', { name: 'Bob', email: 'bob@' });
    expect(bad.issues[0]).toMatchObject({ path: 'email', message: 'bob@ is not a valid e-mail address' });
    await core.call('resellers.delete', { id: acme.id });
    expect((await core.call('users.list', {}))[0]).toMatchObject({ name: 'Ann', resellerId: null });
  });
});
