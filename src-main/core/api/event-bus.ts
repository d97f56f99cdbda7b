import type { CoreEvent, CoreEventListener, CoreEventName, CoreEvents } from '../../shared/events';

/** What handlers and services use to emit events (see `CoreEvents`). */
export interface EventEmitter {
  emit<N extends CoreEventName>(name: N, payload: CoreEvents[N]): void;
}

/** Where the core's events go: every subscriber (the worker's port, a host's tray, a test). */
export class CoreEventBus implements EventEmitter {
  private readonly listeners = new Set<CoreEventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  emit<N extends CoreEventName>(name: N, payload: CoreEvents[N]): void {
    const event = { name, payload } as CoreEvent;
    // A listener that throws must not stop the others, nor the work that emitted.
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Calls `listener` with every event from now on; returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Calls `listener` with the payload of every `name` event that `subscribe` delivers. */
export function onEvent<N extends CoreEventName>(
  subscribe: (listener: CoreEventListener) => () => void,
  name: N,
  listener: (payload: CoreEvents[N]) => void,
): () => void {
  return subscribe((event) => {
    if (event.name === name) listener(event.payload as CoreEvents[N]);
  });
}
