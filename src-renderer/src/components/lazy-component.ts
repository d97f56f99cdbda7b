import { lazy, type ComponentType } from 'react';

/**
 * A component loaded with its own chunk the first time it renders (inside a Suspense boundary), from a
 * module that exports it by name. `preload` starts loading it earlier (import() loads a module once).
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> & { preload: () => Promise<unknown> } {
  return Object.assign(
    lazy(() => load().then((component) => ({ default: component }))),
    { preload: load },
  );
}
