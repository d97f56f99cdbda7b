import { useEffect, useRef } from 'react';
import type { CoreEventName, CoreEvents } from '@shared/events';
import { coreEvents } from '../api';

/** Calls `handler` with each `name` event the core pushes while the component is shown. */
export function useCoreEvent<N extends CoreEventName>(name: N, handler: (payload: CoreEvents[N]) => void) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(
    () =>
      coreEvents.subscribe((event) => {
        if (event.name === name) latest.current(event.payload as CoreEvents[N]);
      }),
    [name],
  );
}
