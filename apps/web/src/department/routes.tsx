import i18next from 'i18next';
import { useRoutes } from 'react-router';
import { NotFound } from '../ui/bits';
import { CaughtMailPage } from './CaughtMailPage';
import { CooperativeReviewPage } from './CooperativeReviewPage';
import { DepartmentLayout } from './DepartmentLayout';
import './department.css';
import { en } from './locales/en';
import { vi } from './locales/vi';
import { MoitReportPage } from './MoitReportPage';
import { MoneyLayout } from './money/MoneyLayout';
import { PayoutsPage } from './money/PayoutsPage';
import { RefundsPage } from './money/RefundsPage';
import { ReturnsPage } from './money/ReturnsPage';
import { StatementPage } from './money/StatementPage';
import { StatementsPage } from './money/StatementsPage';
import { TaxPage } from './money/TaxPage';
import { TransfersPage } from './money/TransfersPage';
import { OcopQueuePage } from './OcopQueuePage';
import { OverviewPage } from './OverviewPage';
import { ReviewQueuePage } from './ReviewQueuePage';
import { SynonymsPage } from './SynonymsPage';

// The dashboard's words travel with its chunk: the storefront never downloads them.
i18next.addResourceBundle('vi', 'translation', { department: vi }, true, true);
i18next.addResourceBundle('en', 'translation', { department: en }, true, true);

/**
 * `/department/*`, loaded lazily by the app's router (react-router's `lazy` takes `Component`).
 * Routes as objects (`useRoutes`): `<Routes>` would pull JSX route parsing into the main chunk.
 */
export function Component() {
  return useRoutes([
    {
      element: <DepartmentLayout />,
      children: [
        { index: true, element: <OverviewPage /> },
        { path: 'cooperatives', element: <ReviewQueuePage /> },
        { path: 'cooperatives/:id', element: <CooperativeReviewPage /> },
        { path: 'ocop', element: <OcopQueuePage /> },
        { path: 'moit-report', element: <MoitReportPage /> },
        { path: 'synonyms', element: <SynonymsPage /> },
        {
          path: 'money',
          element: <MoneyLayout />,
          children: [
            { index: true, element: <TransfersPage /> },
            { path: 'statements', element: <StatementsPage /> },
            { path: 'statements/:id', element: <StatementPage /> },
            { path: 'refunds', element: <RefundsPage /> },
            { path: 'payouts', element: <PayoutsPage /> },
            { path: 'returns', element: <ReturnsPage /> },
            { path: 'tax', element: <TaxPage /> },
          ],
        },
        { path: 'mail', element: <CaughtMailPage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
