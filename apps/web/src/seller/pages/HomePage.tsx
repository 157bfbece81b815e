import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { formatVnd } from '../../format';
import { useApi, useDocumentTitle } from '../../hooks';
import { ErrorState, Loading } from '../../ui/bits';
import { useSeller } from '../area';
import { OnboardingChecklist } from '../ui/OnboardingChecklist';
import { StatusBanner } from '../ui/StatusBanner';

/** Today's numbers, each leading to where it is dealt with, and the checklist until it is done. */
export function HomePage() {
  const { t } = useTranslation();
  const { cooperative, overview } = useSeller();
  useDocumentTitle(t('seller.home.title'));
  const onboarding = useApi(() => api.GET('/api/v1/cooperatives/{id}/onboarding', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
  const payoutAccount = useApi(() => api.GET('/api/v1/cooperatives/{id}/payout-account', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
  const o = overview.data;
  return (
    <section>
      <h1>{t('seller.home.title')}</h1>
      <StatusBanner />
      <h2>{t('seller.home.today')}</h2>
      {overview.error && <ErrorState error={overview.error} retry={overview.reload} />}
      {!o && !overview.error && <Loading />}
      {o && (
        <ul className="tiles">
          <li>
            <Link to="/seller/orders" className={`tile${o.ordersToConfirm ? ' tile-alert' : ''}`} data-testid="tile-orders">
              <strong>{o.ordersToConfirm}</strong>
              <span>{t('seller.home.ordersToConfirm')}</span>
            </Link>
          </li>
          <li>
            <Link to="/seller/products" className={`tile${o.lowStockVariants ? ' tile-warn' : ''}`} data-testid="tile-stock">
              <strong>{o.lowStockVariants}</strong>
              <span>{t('seller.home.lowStock')}</span>
            </Link>
          </li>
          <li>
            <Link to="/seller/channels" className={`tile${o.failedListings ? ' tile-alert' : ''}`} data-testid="tile-sync">
              <strong>{o.failedListings}</strong>
              <span>{t('seller.home.failedSyncs')}</span>
            </Link>
          </li>
          <li>
            <Link to="/seller/payouts" className="tile" data-testid="tile-balance">
              <strong>{formatVnd(o.balance)}</strong>
              <span>{t('seller.home.balance')}</span>
            </Link>
          </li>
        </ul>
      )}
      {onboarding.error && <ErrorState error={onboarding.error} retry={onboarding.reload} />}
      {onboarding.data && onboarding.data.done < onboarding.data.total && <OnboardingChecklist onboarding={onboarding.data} />}
      {payoutAccount.data && !payoutAccount.data.account && (
        <p className="notice" data-testid="payout-account-missing">
          {t('seller.payoutAccount.missing')} <Link to="/seller/payouts#payout-account">{t('seller.payoutAccount.add')}</Link>
        </p>
      )}
    </section>
  );
}
