import { useCallback } from 'react';
import { api } from '../../api';
import { usePolledApiData } from '../../components/use-polled-api-data';

const POLL_MS = 3_000;

/** The engine's status, refreshed every few seconds while the page is open (sending moves the counts). */
export function useEngineStatus() {
  return usePolledApiData(
    useCallback(() => api['engine.status']({}), []),
    POLL_MS,
  );
}
