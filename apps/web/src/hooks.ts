import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorOf, type ApiError } from './api/client';

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
        setState(error ? { error: errorOf(error, t('errors.network')), status: response.status, loading: false } : { data, status: response.status, loading: false });
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
