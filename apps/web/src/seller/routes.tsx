import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from '../session';
import './locales';
import './seller.css';
import { CooperativeGate, SellerShellLayout } from './SellerLayout';
import { CarriersPage } from './pages/CarriersPage';
import { ChannelsPage } from './pages/ChannelsPage';
import { CreateCooperativePage } from './pages/CreateCooperativePage';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';
import { InvitationsPage } from './pages/InvitationsPage';
import { MembersPage } from './pages/MembersPage';
import { OnboardingPage } from './pages/OnboardingPage';
import { OrderDetailPage } from './pages/OrderDetailPage';
import { OrdersPage } from './pages/OrdersPage';
import { PayoutsPage } from './pages/PayoutsPage';
import { NewProductPage, ProductEditPage } from './pages/ProductEditPage';
import { ProductsPage } from './pages/ProductsPage';
import { ReturnDetailPage } from './pages/ReturnDetailPage';
import { ReturnsPage } from './pages/ReturnsPage';
import { SellerNotFound } from './ui/states';

/**
 * The seller portal, a chunk of its own (routes.tsx loads it lazily): a buyer's phone never
 * downloads it. Anonymous visitors sign in first and come back here.
 */
export function SellerApp() {
  const session = useSession();
  const location = useLocation();
  useSellerManifest();
  if (!session.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Routes>
      <Route element={<SellerShellLayout />}>
        <Route path="new" element={<CreateCooperativePage />} />
        <Route path="invitations" element={<InvitationsPage />} />
        <Route element={<CooperativeGate />}>
          <Route index element={<HomePage />} />
          <Route path="onboarding" element={<OnboardingPage />} />
          <Route path="products" element={<ProductsPage />} />
          <Route path="products/new" element={<NewProductPage />} />
          <Route path="products/:id" element={<ProductEditPage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="channels" element={<ChannelsPage />} />
          <Route path="carriers" element={<CarriersPage />} />
          <Route path="payouts" element={<PayoutsPage />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="orders/:id" element={<OrderDetailPage />} />
          <Route path="returns" element={<ReturnsPage />} />
          <Route path="returns/:id" element={<ReturnDetailPage />} />
          <Route path="*" element={<SellerNotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}

/**
 * The portal installs as an app of its own (start_url /seller) from its pages only: linking the
 * manifest from index.html would offer buyers a "seller" app on the storefront.
 */
function useSellerManifest(): void {
  useEffect(() => {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/seller.webmanifest';
    document.head.append(link);
    return () => link.remove();
  }, []);
}
