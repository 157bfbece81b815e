import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorOf, type ApiError } from '../api/client';

type Page<T> = { items: T[]; nextCursor: string | null };
type Call<T> = (cursor: string | undefined) => Promise<{ data?: Page<T>; error?: unknown }>;

export interface CursorPages<T> {
  items: T[] | null;
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  more(): void;
  reload(): void;
}

/**
 * A list read a page at a time with the API's cursor. A change of `deps` (filters, language)
 * starts again from the first page, and an answer to an older query is dropped.
 */
export function useCursorPages<T>(call: Call<T>, deps: unknown[]): CursorPages<T> {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [round, setRound] = useState(0);
  const generation = useRef(0);
  const latestCall = useRef(call);
  latestCall.current = call;

  const load = useCallback(
    async (after: string | undefined, mine: number) => {
      try {
        const { data, error: failure } = await latestCall.current(after);
        if (mine !== generation.current) return;
        if (!data) return setError(errorOf(failure, t('errors.network')));
        setItems((shown) => (after ? [...(shown ?? []), ...data.items] : data.items));
        setCursor(data.nextCursor);
      } catch {
        if (mine === generation.current) setError(errorOf(null, t('errors.network')));
      }
    },
    [t],
  );

  useEffect(() => {
    const mine = ++generation.current;
    setItems(null);
    setError(null);
    setCursor(null);
    void load(undefined, mine);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, i18n.language, round]);

  const more = useCallback(() => {
    if (!cursor) return;
    setLoadingMore(true);
    void load(cursor, generation.current).finally(() => setLoadingMore(false));
  }, [cursor, load]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { items, error, hasMore: cursor !== null, loadingMore, more, reload };
}
