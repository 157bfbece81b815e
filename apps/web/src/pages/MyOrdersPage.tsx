import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api, errorOf, type Schemas } from '../api/client';
import { useApi, useDocumentTitle } from '../hooks';
import { useSession } from '../session';
import { ErrorState, PageState } from '../ui/bits';
import { OrderCard } from '../ui/OrderCard';
import { OrderReturnsBox } from '../ui/OrderReturnsBox';

export function MyOrdersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('orders.title'));
  const session = useSession();
  if (!session.user) return <Navigate to="/login?next=%2Fme%2Forders" replace />;
  return <OrdersList />;
}

function OrdersList() {
  const { t } = useTranslation();
  const session = useSession();
  const first = useApi(() => api.GET('/api/v1/me/orders', { params: { query: { limit: 20 } } }), []);
  const [more, setMore] = useState<{ items: Schemas['OrderDto'][]; cursor: string | null } | null>(null);
  const [error, setError] = useState<ReturnType<typeof errorOf> | null>(null);
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  const loadMore = async () => {
    if (!cursor) return;
    const { data, error: failure } = await api
      .GET('/api/v1/me/orders', { params: { query: { limit: 20, cursor } } })
      .catch(() => ({ data: undefined, error: null }));
    if (!data) return setError(errorOf(failure, t('errors.network')));
    setMore((m) => ({ items: [...(m?.items ?? []), ...data.items], cursor: data.nextCursor }));
  };

  return (
    <section>
      <div className="page-head">
        <h1>{t('orders.title')}</h1>
        <button type="button" className="button secondary small" onClick={() => void session.signOut()}>
          {t('nav.signOut')}
        </button>
      </div>
      <PageState state={first}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">
              {t('orders.none')} <Link to="/search">{t('cart.browse')}</Link>
            </p>
          ) : (
            <div className="orders">
              {[...page.items, ...(more?.items ?? [])].map((order) => (
                <OrderCard key={order.id} order={order}>
                  {order.returnableUntil !== null && <OrderReturnsBox order={order} />}
                </OrderCard>
              ))}
            </div>
          )
        }
      </PageState>
      {error && <ErrorState error={error} />}
      {cursor && (
        <button type="button" className="button secondary" onClick={() => void loadMore()}>
          {t('search.more')}
        </button>
      )}
    </section>
  );
}
