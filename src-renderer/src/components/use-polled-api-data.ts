import { useEffect } from 'react';
import { useApiData } from './use-api-data';

/** `useApiData`, loaded again every `intervalMs` while the component is shown (for figures that move by themselves). */
export function usePolledApiData<T>(load: () => Promise<T>, intervalMs: number) {
  const data = useApiData(load);
  const { reload } = data;
  useEffect(() => {
    const timer = setInterval(reload, intervalMs);
    return () => clearInterval(timer);
  }, [reload, intervalMs]);
  return data;
}
