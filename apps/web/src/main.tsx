import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider, ScrollRestoration, Outlet } from 'react-router';
import './i18n';
import './styles.css';
import { CartProvider } from './cart';
import { routes } from './routes';
import { SessionProvider } from './session';
import { countVisit } from './visits';

function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

countVisit();

const router = createBrowserRouter([{ element: <Root />, children: routes }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <CartProvider>
        <RouterProvider router={router} />
      </CartProvider>
    </SessionProvider>
  </StrictMode>,
);
