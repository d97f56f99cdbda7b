import { afterEach } from 'vitest';

/**
 * Wraps an opener (of a test core, an engine world, …) for use inside tests:
 * whatever it opens is closed after the test ends, passed or failed. Call it
 * at the top of a test file: `const openWorld = closedAfterEach(createEngineWorld)`.
 */
export function closedAfterEach<A extends unknown[], W extends { close(): Promise<void> }>(
  open: (...args: A) => Promise<W>,
): (...args: A) => Promise<W> {
  const opened: W[] = [];
  afterEach(async () => {
    for (const world of opened.splice(0)) await world.close();
  });
  return async (...args) => {
    const world = await open(...args);
    opened.push(world);
    return world;
  };
}
