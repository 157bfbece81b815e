import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../ui/bits';
import type { Paged } from '../hooks';

/** A cursor-paged list's states: loading, its error with a retry, the items, and "show more". */
export function CursorList<T>({ list, more, children }: { list: Paged<T>; more: string; children: (items: T[]) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {list.loaded && children(list.items)}
      {list.error && <ErrorState error={list.error} retry={list.loaded ? list.loadMore : list.reload} />}
      {!list.error && !list.loaded && <Loading />}
      {list.hasMore && (
        <p className="more">
          <button type="button" className="button secondary" onClick={list.loadMore} disabled={list.loading}>
            {list.loading ? t('common.loading') : more}
          </button>
        </p>
      )}
    </>
  );
}
