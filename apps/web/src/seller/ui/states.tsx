import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../../api/client';
import { ErrorState, Loading } from '../../ui/bits';
import type { Paged } from '../../hooks';

export function SellerNotFound() {
  const { t } = useTranslation();
  return (
    <section className="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/seller" className="button">
          {t('seller.nav.home')}
        </Link>
      </p>
    </section>
  );
}

/** The end of a paged list: its error, a loading line, or the "more" button while pages remain. */
export function PagedFooter<T>({ list, empty }: { list: Paged<T>; empty: string }) {
  const { t } = useTranslation();
  return (
    <>
      {list.error && <ErrorState error={list.error} retry={list.reload} />}
      {list.loading && <Loading />}
      {list.loaded && !list.loading && !list.error && list.items.length === 0 && <p className="empty">{empty}</p>}
      {list.hasMore && !list.loading && (
        <p className="more">
          <button type="button" className="button secondary" onClick={list.loadMore}>
            {t('search.more')}
          </button>
        </p>
      )}
    </>
  );
}

/** A failure that names no field, shown above the form's button (field ones sit beside their fields). */
export function FormError({ error }: { error: ApiError | null | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error.details?.some((d) => d.field)) {
    return (
      <p className="field-error" role="alert">
        {t('checkout.checkFields')}
      </p>
    );
  }
  return (
    <p className="field-error" role="alert">
      {error.code === 'NETWORK' ? t('errors.network') : error.message}
    </p>
  );
}
