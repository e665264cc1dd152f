import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { ApiProblem } from './api/client';
import { Layout } from './app/Layout';
import { PAGES } from './app/pages';
import { RequireSession, SessionExpiryWatcher } from './auth/session';
import { Loading } from './components/StatusViews';
import { i18nReady } from './i18n';
import NotFoundPage from './pages/NotFoundPage';
import './styles/app.css';

const SignInPage = lazy(() => import('./pages/SignInPage'));

/** Retries: a network failure or a 503 (the dashboard being computed, waiting as Retry-After says), never a 4xx. */
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => failures < 5 && error instanceof ApiProblem && (error.status === 0 || error.status === 503),
      retryDelay: (failures, error) => (error instanceof ApiProblem && error.retryAfter ? error.retryAfter * 1000 : Math.min(1000 * 2 ** failures, 10_000)),
      refetchOnWindowFocus: false,
    },
  },
});

function Root() {
  return (
    <>
      <SessionExpiryWatcher />
      <Outlet />
    </>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      {
        path: '/sign-in',
        element: (
          <Suspense fallback={<Loading />}>
            <SignInPage />
          </Suspense>
        ),
      },
      {
        element: (
          <RequireSession>
            <Layout />
          </RequireSession>
        ),
        children: [...PAGES.map((p) => ({ path: p.path, Component: p.component })), { path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
]);

// the reader's language first (a language other than English is fetched), so nothing shows in the wrong one;
// should it fail to load, English (always held) is shown rather than nothing
const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
void i18nReady.then(render, render);
