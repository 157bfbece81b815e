import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { useDocumentTitle, usePaged } from '../../hooks';
import { useSeller } from '../area';

import { PayoutAccountCard } from '../ui/PayoutAccountCard';
import { PagedFooter } from '../ui/states';

type Entry = Schemas['LedgerEntryDto'];

/** What the platform owes the cooperative, every line that made it so, and the payouts received. */
export function PayoutsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('seller.payouts.title'));
  const { cooperative } = useSeller();
  const [balance, setBalance] = useState<number | null>(null);
  const [onlyPayouts, setOnlyPayouts] = useState(false);
  const ledger = usePaged(
    (cursor) =>
      api.GET('/api/v1/cooperatives/{id}/payouts', { params: { path: { id: cooperative.id }, query: { limit: 20, cursor } } }).then((answer) => {
        if (answer.data) setBalance(answer.data.balance);
        return answer;
      }),
    [cooperative.id],
  );
  const shown = onlyPayouts ? ledger.items.filter((e) => e.kind === 'payout') : ledger.items;
  return (
    <section className="wide-page">
      <h1>{t('seller.payouts.title')}</h1>
      <div className="balance panel">
        <p className="muted">{t('seller.payouts.balance')}</p>
        <p className="balance-amount" data-testid="balance">
          {balance === null ? '…' : formatVnd(balance)}
        </p>
        <p className="small muted">{balance !== null && balance < 0 ? t('seller.payouts.negative') : t('seller.payouts.balanceHint')}</p>
      </div>
      <PayoutAccountCard />
      <h2>{t('seller.payouts.ledger')}</h2>
      <label className="checkbox">
        <input type="checkbox" checked={onlyPayouts} onChange={(e) => setOnlyPayouts(e.target.checked)} />
        {t('seller.payouts.onlyPayouts')}
      </label>
      <ul className="ledger">
        {shown.map((entry) => (
          <LedgerLine key={entry.id} entry={entry} language={i18n.language} />
        ))}
      </ul>
      <PagedFooter list={{ ...ledger, items: shown }} empty={t('seller.payouts.none')} />
    </section>
  );
}

function LedgerLine({ entry, language }: { entry: Entry; language: string }) {
  const { t } = useTranslation();
  return (
    <li className={`ledger-line ledger-${entry.kind}`}>
      <span>
        <strong>{t(`seller.payouts.kind.${entry.kind}`)}</strong>
        <span className="muted small block">
          {formatDateTime(entry.at, language)}
          {entry.reference ? ` · ${entry.reference}` : ''}
        </span>
        {entry.orderId && (
          <Link to={`/seller/orders/${entry.orderId}`} className="small">
            {t('seller.payouts.order')}
          </Link>
        )}
      </span>
      <span className={entry.amount < 0 ? 'amount negative' : 'amount'}>
        {entry.amount > 0 ? '+' : ''}
        {formatVnd(entry.amount)}
      </span>
    </li>
  );
}
