import type { RouteObject } from 'react-router';
import { ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, VerifyEmailPage } from './pages/AuthPages';
import { CartPage } from './pages/CartPage';
import { CheckoutPage } from './pages/CheckoutPage';
import { CheckoutResultPage } from './pages/CheckoutResultPage';
import { CooperativePage } from './pages/CooperativePage';
import { HomePage } from './pages/HomePage';
import { MyOrdersPage } from './pages/MyOrdersPage';
import { ProductPage } from './pages/ProductPage';
import { SearchPage } from './pages/SearchPage';
import { Loading, NotFound } from './ui/bits';
import { Layout } from './ui/Layout';

/**
 * `/products/<slug>` is also the address the Google and Meta feeds give for each product. The seller
 * portal is a chunk of its own, loaded when someone opens `/seller`.
 */
export const routes: RouteObject[] = [
  { path: '/seller/*', lazy: async () => ({ Component: (await import('./seller/routes')).SellerApp }) },
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/search', element: <SearchPage /> },
      { path: '/products/:slug', element: <ProductPage /> },
      { path: '/cooperatives/:slug', element: <CooperativePage /> },
      { path: '/cart', element: <CartPage /> },
      { path: '/checkout', element: <CheckoutPage /> },
      { path: '/checkouts/:id', element: <CheckoutResultPage /> },
      { path: '/me/orders', element: <MyOrdersPage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
  // The Department's dashboard is its own chunk (Chart.js included): the storefront never loads it.
  { path: '/department/*', lazy: () => import('./department/routes'), hydrateFallbackElement: <Loading /> },
];
