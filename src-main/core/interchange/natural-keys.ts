const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Natural keys compare names the way the database's `COLLATE NOCASE` columns
 * do: ASCII letters without regard to case, everything else exactly.
 */
export function nocase(text: string): string {
  // For ASCII text toLowerCase is the same, and much faster on 100,000 names.
  return NON_ASCII.test(text) ? text.replace(/[A-Z]/g, (letter) => letter.toLowerCase()) : text.toLowerCase();
}

/** The key of something named within a reseller (a profile, a client). */
export function scopedKey(resellerName: string, name: string): string {
  return `${nocase(resellerName)}\u0000${nocase(name)}`;
}

/**
 * Sorts by natural key (the parts compared without regard to ASCII case, then
 * exactly), so an export's order never depends on the database.
 */
export function sortByKey<T>(items: readonly T[], parts: (item: T) => string[]): T[] {
  return items
    .map((item) => {
      const raw = parts(item);
      return { item, key: raw.map(nocase).join('\u0000'), raw: raw.join('\u0000') };
    })
    .sort((a, b) => compare(a.key, b.key) || compare(a.raw, b.raw))
    .map(({ item }) => item);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
