import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { clientEntry, databaseFingerprint, document, profileEntry, seed, text } from './test-documents';

const NOW = Date.parse('2026-11-26T12:00:00Z');

interface BadFile {
  name: string;
  file: string;
  path: string;
  message: RegExp;
  replace?: boolean;
}

const bad = (name: string, file: unknown, path: string, message: RegExp, replace?: boolean): BadFile => ({
  name,
  file: typeof file === 'string' ? file : text(file),
  path,
  message,
  replace,
});

const clients = (...entries: Record<string, unknown>[]) => document({ clients: entries });
const profiles = (...entries: Record<string, unknown>[]) => document({ profiles: entries });

const BAD_FILES: BadFile[] = [
  bad(
    'malformed JSON',
    '{\n  "format": "lowbal",\n  "version": 1,,\n}',
    '$',
    /not valid JSON.*line 3, column 16/,
  ),
  bad('an unfinished file', '{ "format": "lowbal", "version": 1, "clients": [', '$', /ends too early/),
  bad('an empty file', '', '$', /The file is empty/),
  bad('a file of blanks', ' \n\t ', '$', /The file is empty/),
  bad('a JSON list instead of a document', [], '$', /one JSON object/),
  bad('another format', { format: 'csv', version: 1 }, '$.format', /not a Lowbal file/),
  bad('no format', { version: 1 }, '$.format', /"format" is missing/),
  bad('a newer version', { format: 'lowbal', version: 2 }, '$.version', /newer Lowbal/),
  bad('a version as text', { format: 'lowbal', version: '1' }, '$.version', /not supported/),
  bad('an unknown top-level field', document({ clientz: [] }), '$.clientz', /Unknown field "clientz"/),
  bad('a section that is not a list', document({ clients: {} }), '$.clients', /Clients must be a list/),
  bad('a bad exportedAt', document({ exportedAt: 'yesterday' }), '$.exportedAt', /date and time/),
  bad(
    'a client without a name',
    clients(clientEntry({ name: undefined })),
    '$.clients[0].name',
    /Missing field "name"/,
  ),
  bad(
    'a client without a balance',
    clients(clientEntry({ balance: undefined })),
    '$.clients[0].balance',
    /Missing field "balance"/,
  ),
  bad(
    'a balance of the wrong type',
    clients(clientEntry({ balance: true })),
    '$.clients[0].balance',
    /number/,
  ),
  bad('active as text', clients(clientEntry({ active: 'yes' })), '$.clients[0].active', /true or false/),
  bad(
    'a misspelt client field',
    clients(clientEntry({ biling: 'x' })),
    '$.clients[0].biling',
    /Unknown field/,
  ),
  bad(
    'an unknown currency',
    clients(clientEntry({ currency: 'XYZ' })),
    '$.clients[0].currency',
    /Unknown currency "XYZ"/,
  ),
  bad(
    'a lower-case currency code',
    clients(clientEntry({ currency: 'usd' })),
    '$.clients[0].currency',
    /upper-case/,
  ),
  bad(
    'an unknown reseller',
    clients(clientEntry({ reseller: 'Nobody' })),
    '$.clients[0].reseller',
    /Unknown reseller "Nobody"/,
  ),
  bad(
    "an unknown user's reseller",
    document({ users: [{ name: 'Zed', email: 'zed@x.example', reseller: 'Nobody' }] }),
    '$.users[0].reseller',
    /neither in this file nor in the database/,
  ),
  bad(
    'an unknown user in a profile',
    profiles(profileEntry({ userNotification: { threshold: '1', users: ['ghost@x.example'] } })),
    '$.profiles[0].userNotification.users[0]',
    /Unknown user "ghost@x.example"/,
  ),
  bad(
    'an unknown profile',
    clients(clientEntry({ profile: 'Gold' })),
    '$.clients[0].profile',
    /Unknown profile "Gold"/,
  ),
  bad(
    'a profile of another reseller',
    clients(clientEntry({ profile: 'Beta plan' })),
    '$.clients[0].profile',
    /belongs to reseller "Beta Mobile", not to this client's reseller "Acme Telecom"/,
  ),
  bad(
    'a client twice (names differ in case)',
    clients(clientEntry(), clientEntry({ name: 'CLIENT ONE', balance: '1' })),
    '$.clients[1].name',
    /Duplicate client "CLIENT ONE".*already at \$\.clients\[0\]/,
  ),
  bad(
    'a reseller twice',
    document({
      resellers: [
        { name: 'Acme Telecom', email: 'noc@acme.example' },
        { name: 'Acme Telecom', email: 'other@acme.example' },
      ],
    }),
    '$.resellers[1].name',
    /Duplicate reseller "Acme Telecom"/,
  ),
  bad(
    'a currency twice',
    document({
      currencies: [
        { code: 'GBP', name: 'Pound' },
        { code: 'GBP', name: 'Sterling' },
      ],
    }),
    '$.currencies[1].code',
    /Duplicate currency GBP/,
  ),
  bad(
    'a user twice',
    document({
      users: [
        { name: 'A', email: 'a@x.example' },
        { name: 'B', email: 'A@X.example' },
      ],
    }),
    '$.users[1].email',
    /Duplicate user/,
  ),
  bad(
    'a profile twice',
    profiles(profileEntry(), profileEntry({ name: 'standard' })),
    '$.profiles[1].name',
    /Duplicate profile/,
  ),
  bad(
    'a bad billing e-mail',
    clients(clientEntry({ billingEmail: 'one@' })),
    '$.clients[0].billingEmail',
    /not a valid e-mail/,
  ),
  bad(
    'a bad e-mail in a rule',
    profiles(
      profileEntry({ clientNotification: { threshold: '1', emails: ['ok@x.example', 'not an address'] } }),
    ),
    '$.profiles[0].clientNotification.emails[1]',
    /not an address is not a valid e-mail address/,
  ),
  bad(
    "a bad reseller's e-mail",
    document({ resellers: [{ name: 'Gamma', email: 'gamma.example' }] }),
    '$.resellers[0].email',
    /not a valid e-mail/,
  ),
  bad(
    'a negative credit',
    clients(clientEntry({ credit: '-1' })),
    '$.clients[0].credit',
    /Credit must be 0 or more/,
  ),
  bad(
    'too many decimals',
    clients(clientEntry({ balance: '1.23456' })),
    '$.clients[0].balance',
    /at most 4 decimal places/,
  ),
  bad(
    'an amount beyond range',
    clients(clientEntry({ balance: 1e12 })),
    '$.clients[0].balance',
    /must be between/,
  ),
  bad(
    'a threshold that is not a number',
    profiles(profileEntry({ clientNotification: { threshold: '20,00', notify: true } })),
    '$.profiles[0].clientNotification.threshold',
    /Threshold must be a number like 12.50/,
  ),
  bad(
    'an unknown period unit',
    profiles(profileEntry({ period: { value: 2, unit: 'weeks' } })),
    '$.profiles[0].period.unit',
    /minutes, hours or days/,
  ),
  bad(
    'an unknown inactivity unit',
    profiles(
      profileEntry({
        advancedRules: [{ threshold: '1', notify: true, inactivity: { value: 1, unit: 'months' } }],
      }),
    ),
    '$.profiles[0].advancedRules[0].inactivity.unit',
    /minutes, hours or days/,
  ),
  ...[0, -2, 1.5, '7.5', 'a week'].map((runwayDays) =>
    bad(
      `a runway of ${JSON.stringify(runwayDays)} days`,
      profiles(
        profileEntry({
          advancedRules: [
            { threshold: '1', notify: true, inactivity: { value: 1, unit: 'days' }, runwayDays },
          ],
        }),
      ),
      '$.profiles[0].advancedRules[0].runwayDays',
      /Runway must be a whole number of days from 1 to 3650/,
    ),
  ),
  bad(
    'quiet hours in an unknown time zone',
    profiles(profileEntry({ quietHours: { from: '08:00', until: '20:00', timeZone: 'Europe/Atlantis' } })),
    '$.profiles[0].quietHours.timeZone',
    /IANA time zone/,
  ),
  bad(
    'quiet hours that open and close at once',
    profiles(profileEntry({ quietHours: { from: '08:00', until: '08:00', timeZone: 'Europe/London' } })),
    '$.profiles[0].quietHours.until',
    /Send until must differ from Send from/,
  ),
  bad(
    'quiet hours at 25:00',
    profiles(profileEntry({ quietHours: { from: '25:00', until: '08:00', timeZone: 'Europe/London' } })),
    '$.profiles[0].quietHours.from',
    /Send from must be a time such as 08:00/,
  ),
  bad(
    'a recoveryNotice that is not true or false',
    profiles(profileEntry({ recoveryNotice: 'yes' })),
    '$.profiles[0].recoveryNotice',
    /recoveryNotice must be true or false/,
  ),
  bad(
    'a mostUrgentOnly that is not true or false',
    profiles(profileEntry({ mostUrgentOnly: 'yes' })),
    '$.profiles[0].mostUrgentOnly',
    /mostUrgentOnly must be true or false/,
  ),
  bad(
    'a rule on without a recipient',
    profiles(profileEntry({ clientNotification: { threshold: '20', notify: false, emails: [] } })),
    '$.profiles[0].clientNotification',
    /no recipient/,
  ),
  bad(
    'a negative Max Qty',
    profiles(profileEntry({ maxQty: -1 })),
    '$.profiles[0].maxQty',
    /Max Qty must be 0 or more/,
  ),
  bad(
    'no Max Qty',
    profiles(profileEntry({ maxQty: undefined })),
    '$.profiles[0].maxQty',
    /Missing field "maxQty"/,
  ),
  bad(
    'a charge time that is no date',
    clients(clientEntry({ lastChargeAt: '20/11/2026' })),
    '$.clients[0].lastChargeAt',
    /date and time/,
  ),
  bad(
    'a charge in the future',
    clients(clientEntry({ lastChargeAt: '2026-12-24T00:00:00Z' })),
    '$.clients[0].lastChargeAt',
    /cannot be in the future/,
  ),
  bad(
    'two base currencies',
    document({
      currencies: [
        { code: 'GBP', name: 'Pound', rate: 1, base: true },
        { code: 'CHF', name: 'Franc', rate: 1, base: true },
      ],
    }),
    '$.currencies[1].base',
    /Only one currency can be the base/,
  ),
  bad(
    'a base currency not at rate 1',
    document({ currencies: [{ code: 'USD', name: 'US Dollar', rate: '1.1', base: true }] }),
    '$.currencies[0].rate',
    /base currency's rate must be 1/,
  ),
  bad(
    'a zero rate',
    document({ currencies: [{ code: 'EUR', name: 'Euro', rate: 0 }] }),
    '$.currencies[0].rate',
    /greater than 0/,
  ),
  bad(
    'Replace removing a currency still in use',
    document({ currencies: [{ code: 'USD', name: 'US Dollar', rate: 1, base: true }] }),
    '$.currencies',
    /Replace would remove currency EUR, still used by 1 profile that this file does not list/,
    true,
  ),
  bad(
    'Replace removing a reseller still in use',
    document({ resellers: [{ name: 'Acme Telecom', email: 'noc@acme.example' }] }),
    '$.resellers',
    /Replace would remove reseller "Beta Mobile", still used by 1 profile/,
    true,
  ),
  bad(
    'Replace with a reference to a reseller it removes',
    document({
      resellers: [{ name: 'Gamma', email: 'g@gamma.example' }],
      clients: [clientEntry({ profile: null })],
    }),
    '$.clients[0].reseller',
    /"Acme Telecom" is not in this file, and Replace removes/,
    true,
  ),
];

describe('importing a bad file', () => {
  let core: TestCore;
  let fingerprint: string;

  beforeAll(async () => {
    core = await createTestCore({ start: NOW });
    await seed(core);
    fingerprint = databaseFingerprint(core.dataDir);
  });
  afterAll(() => core.close());

  it('has at least 30 cases', () => {
    expect(BAD_FILES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_FILES)('rejects $name at $path and changes nothing', async (file) => {
    const preview = await core.call('interchange.preview', { text: file.file, replace: file.replace });
    expect(preview.valid).toBe(false);
    expect(preview.errors).toContainEqual({ path: file.path, message: expect.stringMatching(file.message) });

    const error = await core.callError('interchange.apply', { text: file.file, replace: file.replace });
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/nothing was imported/);
    expect(error.issues).toContainEqual({ path: file.path, message: expect.stringMatching(file.message) });
    expect(databaseFingerprint(core.dataDir)).toBe(fingerprint);
  });

  it('reports every problem of a file at once, in file order', async () => {
    const file = document({
      exportedAt: 'soon',
      clients: [
        clientEntry({ name: 'A', billingEmail: 'bad' }),
        clientEntry({ name: 'B' }),
        clientEntry({ name: 'C', currency: 'XYZ' }),
        clientEntry({ name: 'D', credit: '-5', billingEmail: null }),
      ],
      users: [{ name: 'Zed', email: 'zed@x.example', reseller: 'Nobody' }],
    });
    const preview = await core.call('interchange.preview', { text: text(file) });
    expect(preview.errors.map((e) => e.path)).toEqual([
      '$.exportedAt',
      '$.users[0].reseller',
      '$.clients[0].billingEmail',
      '$.clients[2].currency',
      '$.clients[3].credit',
    ]);
    expect(preview.errorCount).toBe(5);
    // The valid entry still shows in the plan, so the operator sees the rest of the file.
    expect(preview.plan.clients).toEqual({ create: 1, update: 0, unchanged: 0, delete: 0 });
    expect(databaseFingerprint(core.dataDir)).toBe(fingerprint);
  });
});
