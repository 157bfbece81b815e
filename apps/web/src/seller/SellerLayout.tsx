import { Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../hooks';
import { useSession } from '../session';
import { ErrorState, Loading, PageState } from '../ui/bits';
import { AreaContext, ShellContext, rememberCooperative, rememberedCooperative, useShell, type SellerArea, type SellerShell } from './area';
import { getOverview } from './lib';
import { NoCooperative } from './pages/NoCooperative';
import { LanguageSwitch } from '../ui/LanguageSwitch';

/** How often today's numbers (and the orders badge) are read again while the portal is open. */
const OVERVIEW_POLL_MS = 60_000;

/** Header and page frame of the seller portal; knows the person's cooperatives. */
export function SellerShellLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const mine = useApi(() => api.GET('/api/v1/me/cooperatives'), []);
  const [chosen, setChosen] = useState<string | null>(rememberedCooperative);

  const shell = useMemo<SellerShell | null>(
    () =>
      mine.data
        ? {
            mine: mine.data.items,
            chosen,
            refresh: (select) => {
              if (select) {
                rememberCooperative(select);
                setChosen(select);
              }
              mine.reload();
            },
            choose: (id) => {
              rememberCooperative(id);
              setChosen(id);
            },
          }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [mine.data, chosen],
  );

  return (
    <div className="seller">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="site-header seller-header">
        <div className="header-row">
          <Link to="/seller" className="brand">
            <img src="/favicon.svg" alt="" width="32" height="32" />
            <span>{t('seller.brand')}</span>
          </Link>
          <nav className="header-nav" aria-label={t('nav.account')}>
            <Link to="/" className="wide-only">
              {t('seller.nav.storefront')}
            </Link>
            <button type="button" className="link-button" onClick={() => void session.signOut()}>
              {t('nav.signOut')}
            </button>
            <LanguageSwitch />
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="seller-main">
        <PageState state={mine}>
          {() =>
            shell && (
              <ShellContext.Provider value={shell}>
                <Suspense fallback={<Loading />}>
                  <Outlet />
                </Suspense>
              </ShellContext.Provider>
            )
          }
        </PageState>
      </main>
    </div>
  );
}

/**
 * The pages of one cooperative. Nobody's cooperative → the offer to create one; several and none
 * chosen on this device → the picker. The chosen cooperative is read whole (status, role).
 */
export function CooperativeGate() {
  const shell = useShell();
  const current = shell.mine.find((c) => c.id === shell.chosen) ?? (shell.mine.length === 1 ? shell.mine[0] : undefined);
  if (shell.mine.length === 0) return <NoCooperative />;
  if (!current) return <CooperativePicker />;
  return <ChosenCooperative key={current.id} id={current.id} />;
}

function CooperativePicker() {
  const { t } = useTranslation();
  const shell = useShell();
  return (
    <section className="narrow">
      <h1>{t('seller.picker.title')}</h1>
      <p>{t('seller.picker.lead')}</p>
      <ul className="picker">
        {shell.mine.map((c) => (
          <li key={c.id}>
            <button type="button" className="picker-option" onClick={() => shell.choose(c.id)}>
              <strong>{c.name}</strong>
              <span className={`status coop-${c.status}`}>{t(`seller.coopStatus.${c.status}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/seller/new">{t('seller.picker.create')}</Link>
      </p>
    </section>
  );
}

function ChosenCooperative({ id }: { id: string }) {
  const { t } = useTranslation();
  const shell = useShell();
  const cooperative = useApi(() => api.GET('/api/v1/cooperatives/{id}', { params: { path: { id } } }), [id]);
  const overview = useApi(() => getOverview(id), [id]);
  const location = useLocation();
  const { reload: refreshOverview } = overview;
  // A new order must not go unnoticed: today's numbers are read again on every page and every minute.
  useEffect(() => {
    const timer = setInterval(refreshOverview, OVERVIEW_POLL_MS);
    return () => clearInterval(timer);
  }, [refreshOverview]);
  const firstPage = useRef(true);
  useEffect(() => {
    if (firstPage.current) firstPage.current = false;
    else refreshOverview();
  }, [location.pathname, refreshOverview]);
  const refreshCooperative = useCallback(() => cooperative.reload(), [cooperative]);

  if (cooperative.error && cooperative.status === 404) {
    // Removed from it since this device chose it: fall back to the others.
    return <ErrorState error={cooperative.error} retry={() => shell.refresh()} />;
  }
  return (
    <PageState state={cooperative}>
      {(coop) => {
        const area: SellerArea = { cooperative: coop, isAdmin: coop.myRole === 'coop_admin', refreshCooperative, overview, refreshOverview };
        return (
          <AreaContext.Provider value={area}>
            <div className="coop-bar">
              {shell.mine.length > 1 ? (
                <label className="coop-switch">
                  <span className="visually-hidden">{t('seller.picker.title')}</span>
                  <select value={coop.id} onChange={(e) => shell.choose(e.target.value)}>
                    {shell.mine.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <strong className="coop-name">{coop.name}</strong>
              )}
              <span className={`status coop-${coop.status}`}>{t(`seller.coopStatus.${coop.status}`)}</span>
            </div>
            <SellerNav />
            <Outlet />
          </AreaContext.Provider>
        );
      }}
    </PageState>
  );
}

function SellerNav() {
  const { t } = useTranslation();
  const area = useContext(AreaContext)!;
  const list = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();
  // On a phone the bar scrolls sideways: keep the current section in sight.
  useEffect(() => {
    list.current?.querySelector('a.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  const links: Array<{ to: string; label: string; end?: boolean; badge?: number; badgeText?: string }> = [
    { to: '/seller', label: t('seller.nav.home'), end: true },
    { to: '/seller/products', label: t('seller.nav.products') },
    { to: '/seller/orders', label: t('seller.nav.orders'), badge: area.overview.data?.ordersToConfirm, badgeText: 'seller.nav.toConfirm' },
    { to: '/seller/returns', label: t('seller.nav.returns'), badge: area.overview.data?.returnsToAnswer, badgeText: 'seller.nav.returnsToAnswer' },
    { to: '/seller/channels', label: t('seller.nav.channels') },
    { to: '/seller/carriers', label: t('seller.nav.carriers') },
    { to: '/seller/import', label: t('seller.nav.import') },
    { to: '/seller/payouts', label: t('seller.nav.payouts') },
    ...(area.isAdmin ? [{ to: '/seller/members', label: t('seller.nav.members') }] : []),
  ];
  return (
    <nav className="seller-nav" aria-label={t('seller.nav.label')}>
      <ul ref={list}>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
              {link.badge ? (
                <>
                  <span className="nav-badge" aria-hidden="true">
                    {link.badge}
                  </span>
                  <span className="visually-hidden">{t(link.badgeText!, { count: link.badge })}</span>
                </>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
