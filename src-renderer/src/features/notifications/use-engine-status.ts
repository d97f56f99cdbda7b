import { useCallback, useState } from 'react';
import type { CheckProgressView } from '@shared/schemas/notification';
import { api } from '../../api';
import { useCoreEvent } from '../../components/use-core-event';
import { usePolledApiData } from '../../components/use-polled-api-data';

const POLL_MS = 3_000;

const isRunning = (check: CheckProgressView) => check.state === 'running' || check.state === 'cancelling';

/**
 * The engine's status, read again when the core says it changed (and every few
 * seconds, for the counts sending moves); a running check's progress comes
 * live from the core's events.
 */
export function useEngineStatus() {
  const status = usePolledApiData(
    useCallback(() => api['engine.status']({}), []),
    POLL_MS,
  );
  const { reload } = status;
  /** The latest progress event: undefined until one came (then the status's own `check` holds). */
  const [live, setLive] = useState<CheckProgressView | null>();
  useCoreEvent('check.progress', (check) => {
    setLive(isRunning(check) ? check : null);
    if (!isRunning(check)) reload();
  });
  useCoreEvent('engine.changed', reload);
  useCoreEvent('core.restarted', () => {
    setLive(null);
    reload();
  });
  const data = status.data && live !== undefined ? { ...status.data, check: live } : status.data;
  return { ...status, data };
}
