import type { SectionName } from './format';
import type { Snapshot } from './interchange-repo';
import type { ImportIssue } from './interchange-types';
import { jsonPath } from './json-path';
import { nocase, scopedKey } from './natural-keys';
import type { Entry, ParseOutcome, ParsedSections } from './parse-document';

/** What the file and the database hold of one section, by natural key. */
export interface Known<E, R> {
  file: Map<string, Entry<E>>;
  db: Map<string, R>;
  /** Replace mode with this section in the file: stored rows the file omits go away. */
  replacing: boolean;
}

type EntryOf<S extends SectionName> = NonNullable<ParsedSections[S]>[number]['data'];

/**
 * What planning an import works from: the file's entries and the stored rows
 * of each section by natural key, the problems found so far, and the checks
 * every section shares.
 */
export class PlanContext {
  readonly issues: ImportIssue[];
  readonly present: Set<SectionName>;
  readonly now: number;
  readonly currencies: Known<EntryOf<'currencies'>, Snapshot['currencies'][number]>;
  readonly resellers: Known<EntryOf<'resellers'>, Snapshot['resellers'][number]>;
  readonly users: Known<EntryOf<'users'>, Snapshot['users'][number]>;
  readonly profiles: Known<EntryOf<'profiles'>, Snapshot['profiles'][number]>;
  readonly clients: Known<EntryOf<'clients'>, Snapshot['clients'][number]>;
  private readonly resellerNames: Map<number, string>;
  private readonly replace: boolean;

  constructor(
    readonly snapshot: Snapshot,
    parsed: ParseOutcome,
    options: { replace: boolean; now: number },
  ) {
    this.issues = [...parsed.issues];
    this.present = new Set(parsed.present);
    this.replace = options.replace;
    this.now = options.now;
    this.resellerNames = new Map(snapshot.resellers.map((r) => [r.id, r.name]));
    const sections = parsed.sections;
    this.currencies = this.index('currencies', sections.currencies, snapshot.currencies, {
      ofEntry: (data) => data.code,
      ofRecord: (record) => record.code,
      field: 'code',
      describe: (data) => `currency ${data.code}`,
    });
    this.resellers = this.index('resellers', sections.resellers, snapshot.resellers, {
      ofEntry: (data) => nocase(data.name),
      ofRecord: (record) => nocase(record.name),
      field: 'name',
      describe: (data) => `reseller "${data.name}"`,
    });
    this.users = this.index('users', sections.users, snapshot.users, {
      ofEntry: (data) => nocase(data.email),
      ofRecord: (record) => nocase(record.email),
      field: 'email',
      describe: (data) => `user ${data.email}`,
    });
    this.profiles = this.index('profiles', sections.profiles, snapshot.profiles, {
      ofEntry: (data) => scopedKey(data.reseller, data.name),
      ofRecord: (record) => scopedKey(record.resellerName, record.name),
      field: 'name',
      describe: (data) => `profile "${data.name}" of reseller "${data.reseller}"`,
    });
    this.clients = this.index('clients', sections.clients, snapshot.clients, {
      ofEntry: (data) => scopedKey(data.reseller, data.name),
      ofRecord: (record) => scopedKey(this.resellerName(record.resellerId), record.name),
      field: 'name',
      describe: (data) => `client "${data.name}" of reseller "${data.reseller}"`,
    });
  }

  issue(path: PropertyKey[], message: string): void {
    this.issues.push({ path: jsonPath(path), message });
  }

  /** Runs the checks of one entry; true when they found no problem (only such entries count in the plan). */
  passes(checks: () => void): boolean {
    const before = this.issues.length;
    checks();
    return this.issues.length === before;
  }

  /** Whether a reference can point at `key` after the import: in the file, or stored and not removed. */
  isAvailable(known: Known<unknown, unknown>, key: string): boolean {
    return known.file.has(key) || (!known.replacing && known.db.has(key));
  }

  /** A reference to something the import does not know: its problem, or nothing when it is there. */
  checkReference(
    path: PropertyKey[],
    what: string,
    name: string,
    known: Known<unknown, unknown>,
    key: string,
  ): void {
    if (this.isAvailable(known, key)) return;
    this.issue(
      path,
      known.replacing && known.db.has(key)
        ? `${what[0].toUpperCase()}${what.slice(1)} "${name}" is not in this file, and Replace removes what the file does not list`
        : `Unknown ${what} "${name}": it is neither in this file nor in the database`,
    );
  }

  checkReseller(path: PropertyKey[], name: string): void {
    this.checkReference(path, 'reseller', name, this.resellers, nocase(name));
  }

  checkCurrency(path: PropertyKey[], code: string): void {
    this.checkReference(path, 'currency', code, this.currencies, code);
  }

  resellerName(id: number): string {
    return this.resellerNames.get(id)!;
  }

  /** Stored rows Replace removes: those of a section in the file that the file does not list. */
  removed<R>(known: Known<unknown, R>): R[] {
    if (!known.replacing) return [];
    return [...known.db].filter(([key]) => !known.file.has(key)).map(([, record]) => record);
  }

  /** Indexes a section of the file by key; a repeated key is a problem at its later places. */
  private index<E, R>(
    name: SectionName,
    entries: Entry<E>[] | undefined,
    records: R[],
    key: {
      ofEntry: (data: E) => string;
      ofRecord: (record: R) => string;
      field: string;
      describe: (data: E) => string;
    },
  ): Known<E, R> {
    const file = new Map<string, Entry<E>>();
    for (const entry of entries ?? []) {
      const first = file.get(key.ofEntry(entry.data));
      if (first) {
        this.issue(
          [name, entry.index, key.field],
          `Duplicate ${key.describe(entry.data)}: already at ${jsonPath([name, first.index])}`,
        );
      } else file.set(key.ofEntry(entry.data), entry);
    }
    const db = new Map(records.map((record) => [key.ofRecord(record), record]));
    return { file, db, replacing: this.replace && this.present.has(name) };
  }
}
