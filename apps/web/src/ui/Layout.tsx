import { Suspense } from 'react';
import { CartIcon, UserIcon } from './icons';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useCart } from '../cart';
import { useSession } from '../session';
import { Loading } from './bits';
import { SearchBox } from './SearchBox';
import { LanguageSwitch } from './LanguageSwitch';

export function Layout() {
  const { t } = useTranslation();
  const cart = useCart();
  const session = useSession();
  const location = useLocation();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand" aria-label={t('nav.home')}>
            <img src="/favicon.svg" alt="" width="32" height="32" />
            <span>
              Nông Sản <span className="brand-place">Bình Định</span>
            </span>
          </Link>
          <nav className="header-nav" aria-label={t('nav.account')}>
            <NavLink to="/cart" className="cart-link" aria-label={t('nav.cartCount', { count: cart.count })}>
              <CartIcon />
              <span className="cart-label">{t('nav.cart')}</span>
              {cart.count > 0 && (
                <span className="cart-count" aria-hidden="true">
                  {cart.count}
                </span>
              )}
            </NavLink>
            {session.user ? (
              <>
                <NavLink to="/me/orders" className="icon-link" aria-label={t('nav.myOrders')}>
                  <UserIcon />
                  <span className="wide-only">{t('nav.myOrders')}</span>
                </NavLink>
                <button type="button" className="link-button wide-only" onClick={() => void session.signOut()}>
                  {t('nav.signOut')}
                </button>
              </>
            ) : (
              <NavLink to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} className="icon-link" aria-label={t('nav.signIn')}>
                <UserIcon />
                <span className="wide-only">{t('nav.signIn')}</span>
              </NavLink>
            )}
            <LanguageSwitch />
          </nav>
        </div>
        <SearchBox key={location.pathname === '/search' ? 'search' : location.key} />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('footer.about')}</p>
        <p className="muted small">{t('footer.operator')}</p>
      </footer>
    </>
  );
}
