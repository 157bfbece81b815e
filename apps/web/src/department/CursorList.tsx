import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../ui/bits';
import type { CursorPages } from './useCursorPages';

/** A cursor-paged list's states: loading, its error with a retry, the items, and "show more". */
export function CursorList<T>({ list, more, children }: { list: CursorPages<T>; more: string; children: (items: T[]) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {list.items && children(list.items)}
      {list.error && <ErrorState error={list.error} retry={list.items ? list.more : list.reload} />}
      {!list.error && list.items === null && <Loading />}
      {list.hasMore && (
        <p className="more">
          <button type="button" className="button secondary" onClick={list.more} disabled={list.loadingMore}>
            {list.loadingMore ? t('common.loading') : more}
          </button>
        </p>
      )}
    </>
  );
}
