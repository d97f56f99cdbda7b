import type { Handler } from './define-handler';

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void
  ? I
  : never;

/**
 * The handler table from its groups (one per concern). A channel name defined
 * twice would silently replace the first operation, so it throws instead.
 */
export function combineHandlers<G extends Record<string, Handler>[]>(
  ...groups: G
): UnionToIntersection<G[number]> {
  const table: Record<string, Handler> = {};
  for (const group of groups) {
    for (const [channel, handler] of Object.entries(group)) {
      if (Object.hasOwn(table, channel)) throw new Error(`Duplicate handler channel "${channel}"`);
      table[channel] = handler;
    }
  }
  return table as UnionToIntersection<G[number]>;
}
