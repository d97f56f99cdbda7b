import { useCallback } from 'react';
import { api } from '../../api';
import { usePolledApiData } from '../../components/use-polled-api-data';

const POLL_MS = 5_000;

/** The Overview's figures, counted in the viewer's time zone and refreshed every few seconds. */
export function useOverview() {
  return usePolledApiData(
    useCallback(
      () => api['overview.get']({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
      [],
    ),
    POLL_MS,
  );
}
