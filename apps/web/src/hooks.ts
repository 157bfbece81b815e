import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from './api/client';

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  status?: number;
  loading: boolean;
  reload(): void;
}

/**
 * Loads one API answer for the page; a newer call (changed filters) wins over a slower older one,
 * and the language is part of the key because the server localises names and messages.
 */
export function useApi<T>(load: () => Promise<{ data?: T; error?: unknown; response: Response }>, deps: unknown[]): Loaded<T> {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<{ data?: T; error?: ApiError; status?: number; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load()
      .then(({ data, error, response }) => {
        if (call !== latest.current) return;
        setState(
          error ? { error: errorOf(error, t('errors.network')), status: response.status, loading: false } : { data, status: response.status, loading: false },
        );
      })
      .catch(() => {
        if (call === latest.current) setState({ error: errorOf(null, t('errors.network')), loading: false });
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, i18n.language, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** The value after the person stopped typing for a moment. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Nông Sản Bình Định`;
  }, [title]);
}

export interface Paged<T> {
  items: T[];
  error?: ApiError;
  loading: boolean;
  /** Set once the first page came back. */
  loaded: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/**
 * A list read page by page with the API's cursors (`{items, nextCursor}`): the first page when the
 * filters change, then "more" appends the next; an answer for stale filters is dropped.
 */
export function usePaged<T>(
  load: (cursor: string | undefined) => Promise<{ data?: { items: T[]; nextCursor: string | null }; error?: unknown }>,
  deps: unknown[],
): Paged<T> {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<{ items: T[]; cursor: string | null; error?: ApiError; loading: boolean; loaded: boolean }>({
    items: [],
    cursor: null,
    loading: true,
    loaded: false,
  });
  const [round, setRound] = useState(0);
  const generation = useRef(0);
  const fetchPage = useCallback(
    (cursor: string | undefined, append: boolean) => {
      const mine = generation.current;
      setState((s) => ({ ...s, loading: true, error: undefined }));
      load(cursor)
        .then(({ data, error }) => {
          if (mine !== generation.current) return;
          if (!data) return setState((s) => ({ ...s, loading: false, loaded: true, error: errorOf(error, t('errors.network')) }));
          setState((s) => ({ items: append ? [...s.items, ...data.items] : data.items, cursor: data.nextCursor, loading: false, loaded: true }));
        })
        .catch(() => mine === generation.current && setState((s) => ({ ...s, loading: false, loaded: true, error: errorOf(null, t('errors.network')) })));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, i18n.language],
  );
  useEffect(() => {
    generation.current += 1;
    setState({ items: [], cursor: null, loading: true, loaded: false });
    fetchPage(undefined, false);
  }, [fetchPage, round]);
  return {
    items: state.items,
    error: state.error,
    loading: state.loading,
    loaded: state.loaded,
    hasMore: state.cursor !== null,
    loadMore: () => state.cursor && fetchPage(state.cursor, true),
    reload: () => setRound((r) => r + 1),
  };
}

export type Job = Schemas['JobDto'];

/** Follows a queued job (import, sync) until it ends; `null` before one is started. */
export function useJob(jobId: string | null, onEnd?: (job: Job) => void): { job: Job | null; error?: ApiError } {
  const { t, i18n } = useTranslation();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError>();
  const ended = useRef(onEnd);
  ended.current = onEnd;
  useEffect(() => {
    setJob(null);
    setError(undefined);
    if (!jobId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const poll = async () => {
      const { data, error: failure } = await api
        .GET('/api/v1/jobs/{id}', { params: { path: { id: jobId }, header: { 'accept-language': i18n.language } } })
        .catch(() => ({ data: undefined, error: null }));
      if (!live) return;
      if (!data) {
        setError(errorOf(failure, t('errors.network')));
        timer = setTimeout(() => void poll(), 3000);
        return;
      }
      setError(undefined);
      setJob(data);
      if (data.status === 'completed' || data.status === 'failed') ended.current?.(data);
      else timer = setTimeout(() => void poll(), 600);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId, t, i18n.language]);
  return { job, error };
}
