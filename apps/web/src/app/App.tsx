import { Suspense } from 'react';
import { AuthProvider, useAuth } from '../auth/AuthProvider';
import { ForcedPasswordChange } from '../auth/ForcedPasswordChange';
import { LoginPage } from '../auth/LoginPage';
import { Redirect } from '../routing/Redirect';
import { resolveRoute } from '../routing/router';
import { useLocation } from '../routing/useRoute';
import type { ApiClient } from '../api/api-client';
import { AppLayout } from './AppLayout';
import { ForbiddenPage, NotFoundPage } from './StatusPages';
import { appRoutes } from './routes';
import { PageLoading } from './Loading';

/** Root component: the login gate, then the layout around the page the URL names. */
export function App({ api }: { api?: ApiClient }) {
  return (
    <AuthProvider api={api}>
      <Gate />
    </AuthProvider>
  );
}

function Gate() {
  const { status, user } = useAuth();
  if (status === 'loading') return <PageLoading label="Loading Aimsflow…" fullScreen />;
  if (status === 'anonymous') return <LoginPage />;
  if (user?.passwordChangeRequired) return <ForcedPasswordChange />;
  return (
    <AppLayout>
      <CurrentPage />
    </AppLayout>
  );
}

function CurrentPage() {
  const { pathname } = useLocation();
  const { user } = useAuth();
  if (pathname === '/' || pathname === '/login') return <Redirect to="/inbox" />;
  if (pathname === '/admin' || pathname === '/admin/') return <Redirect to="/admin/users" />;

  const match = resolveRoute(appRoutes, pathname);
  if (!match) return <NotFoundPage />;
  const { route, params } = match;
  if (route.roles && !route.roles.some((role) => user?.roles.includes(role))) return <ForbiddenPage />;
  const Page = route.component;
  return (
    <Suspense fallback={<PageLoading label={`Loading ${route.title}…`} />}>
      <Page params={params} />
    </Suspense>
  );
}
