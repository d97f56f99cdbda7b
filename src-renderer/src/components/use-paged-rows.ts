import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@shared/views';

export type FetchPage<T> = (offset: number, limit: number) => Promise<Page<T>>;

interface PagedState<T> {
  /** The query the pages belong to. */
  key: string;
  /** null until the first page of this query arrived. */
  total: number | null;
  pages: Map<number, T[]>;
  error: unknown;
}

/** Indexes of the pages holding rows `first`..`last` (inclusive). */
export function pagesForRange(first: number, last: number, pageSize: number): number[] {
  const pages: number[] = [];
  for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize); page++) pages.push(page);
  return pages;
}

/**
 * Rows of a server-side list loaded a page at a time, on demand. When `key`
 * changes (another search, or the data changed) the rows of the previous key
 * stay visible until the new key's first page arrives, so a reload does not flash.
 */
export function usePagedRows<T>(fetchPage: FetchPage<T>, key: string, pageSize: number) {
  const [state, setState] = useState<PagedState<T>>({ key, total: null, pages: new Map(), error: null });
  const currentKey = useRef(key);
  const inFlight = useRef(new Set<string>());
  const fetchRef = useRef(fetchPage);

  useEffect(() => {
    fetchRef.current = fetchPage;
    currentKey.current = key;
  }, [fetchPage, key]);

  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  const requestRows = useCallback(
    (first: number, last: number) => {
      const loaded = stateRef.current.key === key ? stateRef.current.pages : new Map<number, T[]>();
      for (const page of pagesForRange(first, last, pageSize)) {
        const requestId = `${key}\u0000${page}`;
        if (loaded.has(page) || inFlight.current.has(requestId)) continue;
        inFlight.current.add(requestId);
        fetchRef.current(page * pageSize, pageSize).then(
          (result) => {
            inFlight.current.delete(requestId);
            if (currentKey.current !== key) return;
            setState((prev) => {
              const pages = prev.key === key ? new Map(prev.pages) : new Map<number, T[]>();
              pages.set(page, result.rows);
              return { key, total: result.total, pages, error: null };
            });
          },
          (error: unknown) => {
            inFlight.current.delete(requestId);
            if (currentKey.current !== key) return;
            setState((prev) => ({ ...prev, error }));
          },
        );
      }
    },
    [key, pageSize],
  );

  const rowAt = useCallback(
    (index: number): T | undefined => state.pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    [state.pages, pageSize],
  );

  const retry = useCallback(() => {
    setState((prev) => ({ ...prev, error: null, pages: prev.key === key ? prev.pages : new Map() }));
  }, [key]);

  return {
    /** Whether the rows shown belong to the current key. */
    current: state.key === key,
    total: state.total,
    error: state.error,
    rowAt,
    requestRows,
    retry,
  };
}
