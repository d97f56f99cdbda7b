import { DEFAULT_PERIOD, type Duration } from '../../shared/duration';
import type { ProfileView, RuleView } from '../../shared/views';
import { SECTION_NAMES, type CurrencyEntry, type SectionName } from './format';
import type { ClientRecord, CurrencyColumns, Snapshot } from './interchange-repo';
import type { ImportIssue, ImportPlan, SectionPlan } from './interchange-types';
import { jsonPath } from './json-path';
import { nocase, scopedKey } from './natural-keys';
import type { Entry, ParseOutcome } from './parse-document';

/**
 * Compares the file with the database: resolves every reference by natural key,
 * finds duplicates and what Replace would remove, and decides per entry whether
 * it creates, updates or leaves a row alone. Pure: the database is the snapshot.
 */

const BASE_RATE_E8 = 100_000_000;

export interface RuleTarget {
  threshold: number | null;
  notify: boolean;
  emails: string[];
}
export interface UserRuleTarget extends RuleTarget {
  userKeys: string[];
}
export interface AdvancedRuleTarget extends RuleTarget {
  inactivity: Duration;
  /** The stored rule at the same position, updated in place so its counters survive. */
  id?: number;
}

/** A row to write; `id` is set when it updates a stored row. */
interface Target {
  id?: number;
}
export interface CurrencyTarget extends Target, CurrencyColumns {}
export interface ResellerTarget extends Target {
  key: string;
  name: string;
  email: string;
}
export interface UserTarget extends Target {
  key: string;
  name: string;
  email: string;
  resellerKey: string | null;
}
export interface ProfileTarget extends Target {
  key: string;
  name: string;
  resellerKey: string;
  currencyCode: string;
  sortOrder: number;
  maxQty: number;
  period: Duration;
  userNotification: UserRuleTarget;
  clientNotification: RuleTarget;
  advancedRules: AdvancedRuleTarget[];
}
export interface ClientTarget extends Target {
  name: string;
  resellerKey: string;
  currencyCode: string;
  billingEmail: string | null;
  balance: number;
  credit: number;
  profileKey: string | null;
  lastChargeAt: number | null;
  active: boolean;
  /** The stored balance, when the import moves it. */
  balanceBefore?: number;
}

export interface SectionWrites<T> {
  create: T[];
  update: T[];
  /** Ids of stored rows Replace removes. */
  delete: number[];
  unchanged: number;
}

export interface ImportWrites {
  currencies: SectionWrites<CurrencyTarget> & { baseChanges: boolean };
  resellers: SectionWrites<ResellerTarget>;
  users: SectionWrites<UserTarget>;
  profiles: SectionWrites<ProfileTarget>;
  clients: SectionWrites<ClientTarget>;
}

export interface PlannedImport {
  writes: ImportWrites;
  plan: ImportPlan;
  refills: number;
  issues: ImportIssue[];
}

/** What the file and the database hold of one section, by natural key. */
interface Known<E, R> {
  file: Map<string, Entry<E>>;
  db: Map<string, R>;
  /** Replace mode with this section in the file: stored rows the file omits go away. */
  replacing: boolean;
}

function isAvailable(known: Known<unknown, unknown>, key: string): boolean {
  return known.file.has(key) || (!known.replacing && known.db.has(key));
}

function missingReference(what: string, name: string, known: Known<unknown, unknown>, key: string): string {
  if (known.replacing && known.db.has(key)) {
    return `${capitalize(what)} "${name}" is not in this file, and Replace removes what the file does not list`;
  }
  return `Unknown ${what} "${name}": it is neither in this file nor in the database`;
}

function capitalize(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

function emptyWrites<T>(): SectionWrites<T> {
  return { create: [], update: [], delete: [], unchanged: 0 };
}

/** Field by field; nested values (rules, durations) are built with their keys in the same order. */
function same(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    return (
      x === y || (typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y))
    );
  });
}

export function planImport(
  snapshot: Snapshot,
  parsed: ParseOutcome,
  options: { replace: boolean; now: number },
): PlannedImport {
  const { replace, now } = options;
  const issues: ImportIssue[] = [...parsed.issues];
  const present = new Set(parsed.present);
  const issue = (path: PropertyKey[], message: string) => issues.push({ path: jsonPath(path), message });

  /** Indexes a section of the file by key; a repeated key is an error at its later places. */
  function indexSection<E, R>(
    name: SectionName,
    entries: Entry<E>[] | undefined,
    records: R[],
    keyOfEntry: (data: E) => string,
    keyOfRecord: (record: R) => string,
    keyField: string,
    describe: (data: E) => string,
  ): Known<E, R> {
    const file = new Map<string, Entry<E>>();
    for (const entry of entries ?? []) {
      const key = keyOfEntry(entry.data);
      const first = file.get(key);
      if (first) {
        issue(
          [name, entry.index, keyField],
          `Duplicate ${describe(entry.data)}: already at ${jsonPath([name, first.index])}`,
        );
      } else file.set(key, entry);
    }
    const db = new Map(records.map((record) => [keyOfRecord(record), record]));
    return { file, db, replacing: replace && present.has(name) };
  }

  /** Stored rows Replace removes: those of a section in the file that the file does not list. */
  function removed<R extends { id: number }>(known: Known<unknown, R>): R[] {
    if (!known.replacing) return [];
    return [...known.db].filter(([key]) => !known.file.has(key)).map(([, record]) => record);
  }

  const resellerNameById = new Map(snapshot.resellers.map((r) => [r.id, r.name]));
  const resellerKeyById = (id: number) => nocase(resellerNameById.get(id)!);
  const currencyCodeById = new Map(snapshot.currencies.map((c) => [c.id, c.code]));
  const userKeyById = new Map(snapshot.users.map((u) => [u.id, nocase(u.email)]));
  const profileKeyById = new Map(snapshot.profiles.map((p) => [p.id, scopedKey(p.resellerName, p.name)]));

  const currencies = indexSection(
    'currencies',
    parsed.sections.currencies,
    snapshot.currencies,
    (data) => data.code,
    (record) => record.code,
    'code',
    (data) => `currency ${data.code}`,
  );
  const resellers = indexSection(
    'resellers',
    parsed.sections.resellers,
    snapshot.resellers,
    (data) => nocase(data.name),
    (record) => nocase(record.name),
    'name',
    (data) => `reseller "${data.name}"`,
  );
  const users = indexSection(
    'users',
    parsed.sections.users,
    snapshot.users,
    (data) => nocase(data.email),
    (record) => nocase(record.email),
    'email',
    (data) => `user ${data.email}`,
  );
  const profiles = indexSection(
    'profiles',
    parsed.sections.profiles,
    snapshot.profiles,
    (data) => scopedKey(data.reseller, data.name),
    (record) => scopedKey(record.resellerName, record.name),
    'name',
    (data) => `profile "${data.name}" of reseller "${data.reseller}"`,
  );
  const clients = indexSection(
    'clients',
    parsed.sections.clients,
    snapshot.clients,
    (data) => scopedKey(data.reseller, data.name),
    (record) => scopedKey(resellerNameById.get(record.resellerId)!, record.name),
    'name',
    (data) => `client "${data.name}" of reseller "${data.reseller}"`,
  );

  function checkReseller(path: PropertyKey[], name: string) {
    const key = nocase(name);
    if (!isAvailable(resellers, key)) issue(path, missingReference('reseller', name, resellers, key));
  }
  function checkCurrency(path: PropertyKey[], code: string) {
    if (!isAvailable(currencies, code)) issue(path, missingReference('currency', code, currencies, code));
  }

  // Currencies, and which one is the base afterwards.
  const currencyWrites = { ...emptyWrites<CurrencyTarget>(), baseChanges: false };
  const storedBase = snapshot.currencies.find((c) => c.isBase);
  const baseCode = chooseBase([...currencies.file.values()]);
  for (const { index, data } of currencies.file.values()) {
    const stored = currencies.db.get(data.code);
    const isBase = data.code === baseCode;
    let rateE8 = data.rate === undefined ? (stored?.rateE8 ?? null) : data.rate;
    if (isBase) {
      if (data.rate !== undefined && data.rate !== null && data.rate !== BASE_RATE_E8) {
        issue(['currencies', index, 'rate'], `The base currency's rate must be 1`);
      }
      rateE8 = BASE_RATE_E8;
    }
    const target: CurrencyTarget = { code: data.code, name: data.name, rateE8, isBase };
    classify(currencyWrites, target, stored, (s) => ({
      code: s.code,
      name: s.name,
      rateE8: s.rateE8,
      isBase: s.isBase,
    }));
  }
  currencyWrites.baseChanges = baseCode !== null && baseCode !== storedBase?.code;

  function chooseBase(entries: Entry<CurrencyEntry>[]): string | null {
    const marked = entries.filter((entry) => entry.data.base === true);
    for (const extra of marked.slice(1)) {
      issue(
        ['currencies', extra.index, 'base'],
        `Only one currency can be the base; ${marked[0].data.code} is already marked as the base`,
      );
    }
    if (marked.length) return marked[0].data.code;
    if (storedBase && isAvailable(currencies, storedBase.code)) {
      const unmarked = currencies.file.get(storedBase.code);
      if (unmarked?.data.base === false) {
        issue(
          ['currencies', unmarked.index, 'base'],
          `${storedBase.code} is the base currency; mark another currency with "base": true to change the base`,
        );
      }
      return storedBase.code;
    }
    // No base yet (or Replace removes it): a currency at rate 1 becomes the base, as the first one does in the app.
    const atOne = entries.find((entry) => entry.data.rate === BASE_RATE_E8);
    if (atOne) return atOne.data.code;
    const remaining =
      entries.length + [...currencies.db.keys()].filter((code) => isAvailable(currencies, code)).length;
    if (remaining > 0) {
      issue(['currencies'], 'No base currency: mark one currency with "base": true (its rate is 1)');
    }
    return null;
  }

  // Resellers.
  const resellerWrites = emptyWrites<ResellerTarget>();
  for (const [key, { data }] of resellers.file) {
    classify(resellerWrites, { key, name: data.name, email: data.email }, resellers.db.get(key), (s) => ({
      key,
      name: s.name,
      email: s.email,
    }));
  }

  // Users.
  const userWrites = emptyWrites<UserTarget>();
  for (const [key, { index, data }] of users.file) {
    const issuesBefore = issues.length;
    const stored = users.db.get(key);
    if (data.reseller) checkReseller(['users', index, 'reseller'], data.reseller);
    const storedResellerKey = stored?.resellerId != null ? resellerKeyById(stored.resellerId) : null;
    const keptResellerKey =
      storedResellerKey !== null && isAvailable(resellers, storedResellerKey) ? storedResellerKey : null;
    const resellerKey =
      data.reseller === undefined ? keptResellerKey : data.reseller === null ? null : nocase(data.reseller);
    if (issues.length > issuesBefore) continue; // only what could be applied counts in the plan
    classify(userWrites, { key, name: data.name, email: data.email, resellerKey }, stored, (s) => ({
      key,
      name: s.name,
      email: s.email,
      resellerKey: storedResellerKey,
    }));
  }

  // Profiles.
  const profileWrites = emptyWrites<ProfileTarget>();
  const storedRule = (rule: RuleView): RuleTarget => ({
    threshold: rule.threshold,
    notify: rule.notify,
    emails: rule.emails,
  });
  const storedUserKeys = (rule: RuleView) =>
    rule.userIds.map((id) => userKeyById.get(id)!).filter((key) => isAvailable(users, key));
  const describeStoredProfile = (stored: ProfileView): ProfileTarget => ({
    key: scopedKey(stored.resellerName, stored.name),
    name: stored.name,
    resellerKey: nocase(stored.resellerName),
    currencyCode: stored.currencyCode,
    sortOrder: stored.sortOrder,
    maxQty: stored.maxQty,
    period: { value: stored.period.value, unit: stored.period.unit },
    userNotification: {
      ...storedRule(stored.userNotification),
      userKeys: storedUserKeys(stored.userNotification).sort(),
    },
    clientNotification: storedRule(stored.clientNotification),
    advancedRules: stored.advancedRules.map((rule) => ({
      ...storedRule(rule),
      inactivity: rule.inactivity!,
    })),
  });
  for (const [key, { index, data }] of profiles.file) {
    const issuesBefore = issues.length;
    const stored = profiles.db.get(key);
    checkReseller(['profiles', index, 'reseller'], data.reseller);
    checkCurrency(['profiles', index, 'currency'], data.currency);
    const userKeys: string[] = [];
    data.userNotification?.users.forEach((email, position) => {
      const userKey = nocase(email);
      if (!isAvailable(users, userKey)) {
        issue(
          ['profiles', index, 'userNotification', 'users', position],
          missingReference('user', email, users, userKey),
        );
      } else if (!userKeys.includes(userKey)) userKeys.push(userKey);
    });
    const kept = stored ? describeStoredProfile(stored) : undefined;
    const off: RuleTarget = { threshold: null, notify: false, emails: [] };
    const fileUserRule = data.userNotification;
    const target: ProfileTarget = {
      key,
      name: data.name,
      resellerKey: nocase(data.reseller),
      currencyCode: data.currency,
      sortOrder: data.sortOrder ?? kept?.sortOrder ?? 0,
      maxQty: data.maxQty,
      period: data.period ?? kept?.period ?? DEFAULT_PERIOD,
      userNotification: fileUserRule
        ? {
            threshold: fileUserRule.threshold,
            notify: fileUserRule.notify,
            emails: fileUserRule.emails,
            userKeys: userKeys.sort(),
          }
        : (kept?.userNotification ?? { ...off, userKeys: [] }),
      clientNotification: data.clientNotification
        ? {
            threshold: data.clientNotification.threshold,
            notify: data.clientNotification.notify,
            emails: data.clientNotification.emails,
          }
        : (kept?.clientNotification ?? off),
      advancedRules: (data.advancedRules ?? kept?.advancedRules ?? []).map((rule) => ({
        threshold: rule.threshold,
        notify: rule.notify,
        emails: rule.emails,
        inactivity: { value: rule.inactivity.value, unit: rule.inactivity.unit },
      })),
    };
    if (issues.length > issuesBefore) continue; // only what could be applied counts in the plan
    classify(profileWrites, target, stored, (s) => describeStoredProfile(s));
    if (stored) {
      target.advancedRules.forEach((rule, position) => {
        rule.id = stored.advancedRules[position]?.id;
      });
    }
  }

  // Clients.
  const clientWrites = emptyWrites<ClientTarget>();
  let refills = 0;
  const profileResellerByName = new Map<string, string>();
  for (const record of snapshot.profiles) {
    if (isAvailable(profiles, scopedKey(record.resellerName, record.name))) {
      profileResellerByName.set(nocase(record.name), record.resellerName);
    }
  }
  for (const { data } of profiles.file.values()) profileResellerByName.set(nocase(data.name), data.reseller);
  const storedClient = (s: ClientRecord, keptProfileKey: string | null): ClientTarget => ({
    name: s.name,
    resellerKey: resellerKeyById(s.resellerId),
    currencyCode: currencyCodeById.get(s.currencyId)!,
    billingEmail: s.billingEmail,
    balance: s.balance,
    credit: s.credit,
    profileKey: keptProfileKey,
    lastChargeAt: s.lastChargeAt,
    active: s.active,
  });
  for (const { index, data } of clients.file.values()) {
    const issuesBefore = issues.length;
    const stored = clients.db.get(scopedKey(data.reseller, data.name));
    checkReseller(['clients', index, 'reseller'], data.reseller);
    checkCurrency(['clients', index, 'currency'], data.currency);
    if (data.lastChargeAt != null && data.lastChargeAt > now) {
      issue(['clients', index, 'lastChargeAt'], 'Last charge cannot be in the future');
    }
    const storedProfileKey = stored?.profileId != null ? profileKeyById.get(stored.profileId)! : null;
    const keptProfileKey =
      storedProfileKey !== null && isAvailable(profiles, storedProfileKey) ? storedProfileKey : null;
    let profileKey = keptProfileKey;
    if (data.profile !== undefined)
      profileKey = data.profile === null ? null : scopedKey(data.reseller, data.profile);
    if (data.profile && profileKey !== null && !isAvailable(profiles, profileKey)) {
      const owner = profileResellerByName.get(nocase(data.profile));
      issue(
        ['clients', index, 'profile'],
        owner !== undefined && nocase(owner) !== nocase(data.reseller)
          ? `Profile "${data.profile}" belongs to reseller "${owner}", not to this client's reseller "${data.reseller}"`
          : missingReference('profile', data.profile, profiles, profileKey),
      );
    }
    const target: ClientTarget = {
      name: data.name,
      resellerKey: nocase(data.reseller),
      currencyCode: data.currency,
      billingEmail: data.billingEmail === undefined ? (stored?.billingEmail ?? null) : data.billingEmail,
      balance: data.balance,
      credit: data.credit ?? stored?.credit ?? 0,
      profileKey,
      lastChargeAt: data.lastChargeAt === undefined ? (stored?.lastChargeAt ?? null) : data.lastChargeAt,
      active: data.active ?? stored?.active ?? true,
    };
    if (issues.length > issuesBefore) continue; // only what could be applied counts in the plan
    classify(clientWrites, target, stored, (s) => storedClient(s, storedProfileKey));
    if (stored && stored.balance !== target.balance) {
      target.balanceBefore = stored.balance;
      if (target.balance > stored.balance) refills += 1;
    }
  }

  // What Replace removes, and whether something the file leaves in place still needs it.
  currencyWrites.delete = removed(currencies).map((c) => c.id);
  resellerWrites.delete = removed(resellers).map((r) => r.id);
  userWrites.delete = removed(users).map((u) => u.id);
  profileWrites.delete = removed(profiles).map((p) => p.id);
  clientWrites.delete = removed(clients).map((c) => c.id);
  const stays = (section: SectionName) => !present.has(section);
  for (const currency of removed(currencies)) {
    refuseRemovingUsed(['currencies'], `currency ${currency.code}`, {
      profile: stays('profiles') ? snapshot.profiles.filter((p) => p.currencyId === currency.id).length : 0,
      client: stays('clients') ? usage(snapshot, (u) => u.currencyId === currency.id) : 0,
    });
  }
  for (const reseller of removed(resellers)) {
    refuseRemovingUsed(['resellers'], `reseller "${reseller.name}"`, {
      profile: stays('profiles') ? snapshot.profiles.filter((p) => p.resellerId === reseller.id).length : 0,
      client: stays('clients') ? usage(snapshot, (u) => u.resellerId === reseller.id) : 0,
    });
  }
  function refuseRemovingUsed(path: PropertyKey[], what: string, uses: Record<string, number>) {
    const parts = Object.entries(uses)
      .filter(([, n]) => n > 0)
      .map(([noun, n]) => `${n} ${n === 1 ? noun : `${noun}s`}`);
    if (parts.length) {
      issue(
        path,
        `Replace would remove ${what}, which ${parts.join(' and ')} that this file does not list still use`,
      );
    }
  }

  const writes: ImportWrites = {
    currencies: currencyWrites,
    resellers: resellerWrites,
    users: userWrites,
    profiles: profileWrites,
    clients: clientWrites,
  };
  return { writes, plan: planCounts(writes), refills, issues: sortIssues(issues) };
}

/** Puts a target among the creates, the updates or the unchanged, comparing it with the stored row. */
function classify<T extends Target, R extends { id: number }>(
  writes: SectionWrites<T>,
  target: T,
  stored: R | undefined,
  describeStored: (stored: R) => Omit<T, 'id'>,
) {
  if (!stored) writes.create.push(target);
  else if (same(describeStored(stored), withoutId(target))) writes.unchanged += 1;
  else writes.update.push(Object.assign(target, { id: stored.id }));
}

function withoutId<T extends Target>(target: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = target;
  return rest;
}

function usage(snapshot: Snapshot, match: (u: Snapshot['clientUsage'][number]) => boolean): number {
  return snapshot.clientUsage.filter(match).reduce((sum, u) => sum + u.count, 0);
}

function planCounts(writes: ImportWrites): ImportPlan {
  const counts = (section: SectionWrites<unknown>): SectionPlan => ({
    create: section.create.length,
    update: section.update.length,
    unchanged: section.unchanged,
    delete: section.delete.length,
  });
  return Object.fromEntries(SECTION_NAMES.map((name) => [name, counts(writes[name])])) as ImportPlan;
}

/** Issues in file order: the envelope first, then by section and entry; stable within an entry. */
function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  const order = (path: string): [number, number] => {
    const match = /^\$(?:\.(\w+))?(?:\[(\d+)\])?/.exec(path);
    const section = SECTION_NAMES.indexOf(match?.[1] as SectionName);
    return [section, match?.[2] === undefined ? -1 : Number(match[2])];
  };
  return issues
    .map((issue, position) => ({ issue, position, key: order(issue.path) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.position - b.position)
    .map(({ issue }) => issue);
}
