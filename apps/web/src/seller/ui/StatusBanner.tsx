import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSeller, type Cooperative } from '../area';

/** Until the Department approves the cooperative, what stage it is at and the one thing to do next. */
export function StatusBanner() {
  const { t } = useTranslation();
  const { cooperative } = useSeller();
  if (cooperative.status === 'approved') return null;
  const action: Record<Cooperative['status'], string | null> = {
    draft: 'seller.banner.finish',
    submitted: null,
    rejected: 'seller.banner.fix',
    suspended: null,
    approved: null,
  };
  const to = action[cooperative.status];
  return (
    <div className={`banner banner-${cooperative.status}`} role="status">
      <p>
        <strong>{t(`seller.banner.${cooperative.status}`)}</strong>
      </p>
      {cooperative.statusReason && <p>{t('seller.banner.reason', { reason: cooperative.statusReason })}</p>}
      {to && (
        <Link to="/seller/onboarding" className="button">
          {t(to)}
        </Link>
      )}
    </div>
  );
}
