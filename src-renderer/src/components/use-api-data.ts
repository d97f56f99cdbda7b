import { useCallback, useEffect, useState } from 'react';

interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Loads data through the API when `load` changes (wrap it in useCallback with
 * its inputs) and on `reload()`. Earlier answers arriving late are ignored.
 */
export function useApiData<T>(load: () => Promise<T>): ApiData<T> & { reload: () => void } {
  const [state, setState] = useState<ApiData<T>>({ data: undefined, error: null, loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let stale = false;
    setState((prev) => ({ ...prev, loading: true }));
    load().then(
      (data) => {
        if (!stale) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!stale) setState((prev) => ({ ...prev, error, loading: false }));
      },
    );
    return () => {
      stale = true;
    };
  }, [load, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
