import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../api/client';
import type { Loaded } from '../hooks';

export function OcopBadge({ stars }: { stars: number }) {
  const { t } = useTranslation();
  return (
    <span className="ocop-badge" title={t('product.ocopTitle', { stars })}>
      <span aria-hidden="true">{'★'.repeat(stars)}</span>
      <span className="visually-hidden">{t('product.ocopTitle', { stars })}</span>
      <span aria-hidden="true"> OCOP</span>
    </span>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** An API failure the person can read and act on: what happened, and a way to try again. */
export function ErrorState({ error, retry }: { error: ApiError; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-state" role="alert">
      <p>{error.code === 'NETWORK' ? t('errors.network') : error.message}</p>
      {retry && (
        <button type="button" className="button secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
      {error.requestId ? <p className="muted small">{t('errors.reference', { id: error.requestId })}</p> : null}
    </div>
  );
}

export function NotFound({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{children ?? t('notFound.text')}</p>
      <p>
        <Link to="/" className="button">
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}

/** An answer for a whole page: the 404 page, an error with retry, loading, or the content. */
export function PageState<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.error && state.status === 404) return <NotFound />;
  if (state.error) return <ErrorState error={state.error} retry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}
