import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../../session';
import { actsForCollector } from './money';

const TABS = [
  { to: '/department/money', key: 'transfers', end: true },
  { to: '/department/money/statements', key: 'statements', end: false },
  { to: '/department/money/refunds', key: 'refunds', end: false },
  { to: '/department/money/payouts', key: 'payouts', end: false },
  { to: '/department/money/returns', key: 'returns', end: false },
  { to: '/department/money/tax', key: 'tax', end: false },
] as const;

/** The collector's desk: its tasks as tabs; an official without finance is told why it stays shut. */
export function MoneyLayout() {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.money' });
  const { user } = useSession();
  if (!actsForCollector(user)) {
    return (
      <section className="narrow" role="alert">
        <h1>{t('title')}</h1>
        <p>{t('noFinance')}</p>
      </section>
    );
  }
  return (
    <div className="money">
      <nav className="money-tabs" aria-label={t('tabs.label')}>
        {TABS.map((tab) => (
          <NavLink key={tab.key} to={tab.to} end={tab.end}>
            {t(`tabs.${tab.key}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
