import { useCallback, useEffect } from 'react';
import { api } from '../../api';
import { useApiData } from '../../components/use-api-data';

const POLL_MS = 3_000;

/** The engine's status, refreshed every few seconds while the page is open (sending moves the counts). */
export function useEngineStatus() {
  const status = useApiData(useCallback(() => api['engine.status']({}), []));
  const { reload } = status;
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return status;
}
