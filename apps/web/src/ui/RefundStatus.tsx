import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { formatDateTime, formatVnd } from '../format';

/** Money owed back to a buyer: how much, how it travels (card or bank transfer) and whether it has gone. */
export function RefundStatus({ refund }: { refund: Schemas['RefundDto'] }) {
  const { t, i18n } = useTranslation();
  return (
    <p className={`refund refund-${refund.status}`} data-testid="refund">
      <strong>{t(`refund.${refund.status}`, { amount: formatVnd(refund.amount) })}</strong>
      <span className="block small">
        {t(`refund.method.${refund.method}`)}
        {refund.refundedAt ? ` · ${formatDateTime(refund.refundedAt, i18n.language)}` : ''}
        {refund.reference ? ` · ${refund.reference}` : ''}
      </span>
    </p>
  );
}

/** The buyer's photos of the goods: private links that work for a few minutes, so they open in a new tab as they are. */
export function ReturnPhotos({ photos }: { photos: Schemas['ReturnPhotoDto'][] }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <ul className="return-photos" aria-label={t('returns.photos')}>
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={p.url} target="_blank" rel="noreferrer">
            <img src={p.url} alt={t('returns.photoN', { n: i + 1 })} width={p.width} height={p.height} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}
