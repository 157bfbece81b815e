import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../session';
import { Loading } from '../ui/bits';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { actsForCollector } from './money/money';

const SECTIONS = [
  { to: '/department', key: 'overview', end: true },
  { to: '/department/cooperatives', key: 'review', end: false },
  { to: '/department/ocop', key: 'ocop', end: false },
  { to: '/department/moit-report', key: 'moit', end: false },
  { to: '/department/synonyms', key: 'synonyms', end: false },
  { to: '/department/money', key: 'money', end: false, collector: true },
  { to: '/department/mail', key: 'mail', end: false, adminOnly: true },
] as const;

/** Officials and admins only: the API refuses everyone else, so the page does not even try. */
export function DepartmentLayout() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department' });
  const session = useSession();
  const location = useLocation();
  const user = session.user;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const allowed = user.roles.includes('official') || user.roles.includes('admin');
  return (
    <div className="dept">
      <a href="#dept-main" className="skip-link">
        {i18n.t('nav.skip')}
      </a>
      <header className="dept-header">
        <Link to="/department" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>
            Nông Sản <span className="dept-brand-unit">· {t('short')}</span>
          </span>
        </Link>
        <div className="dept-account">
          <span className="wide-only">{user.fullName}</span>
          <Link to="/" className="wide-only">
            {t('nav.storefront')}
          </Link>
          <button type="button" className="link-button" onClick={() => void session.signOut()}>
            {t('nav.signOut')}
          </button>
          <LanguageSwitch />
        </div>
        {allowed && (
          <nav className="dept-nav" aria-label={t('nav.label')}>
            {SECTIONS.filter(
              (section) => (!('collector' in section) || actsForCollector(user)) && (!('adminOnly' in section) || user.roles.includes('admin')),
            ).map((section) => (
              <NavLink key={section.key} to={section.to} end={section.end}>
                {t(`nav.${section.key}`)}
              </NavLink>
            ))}
          </nav>
        )}
      </header>
      <main id="dept-main" className="dept-main" tabIndex={-1}>
        {allowed ? (
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        ) : (
          <section className="narrow dept-no-access" role="alert">
            <h1>{t('access.title')}</h1>
            <p>{t('access.text', { email: user.email })}</p>
            <p>
              <button type="button" className="button" onClick={() => void session.signOut()}>
                {t('access.otherAccount')}
              </button>
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
