import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Spinner } from '../components/ui';
import { AppShell } from './AppShell';
import { AuthLayout } from '../pages/auth/AuthLayout';

// Route-level code splitting: each page (and the chart library with the pages that draw charts) is its own chunk.
const LoginPage = lazy(() => import('../pages/auth/LoginPage'));
const RegisterPage = lazy(() => import('../pages/auth/RegisterPage'));
const ForgotPasswordPage = lazy(() => import('../pages/auth/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../pages/auth/ResetPasswordPage'));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage'));
const ScenariosPage = lazy(() => import('../pages/scenarios/ScenariosPage'));
const ScenarioDetailPage = lazy(() => import('../pages/scenario/ScenarioDetailPage'));
const ComparePage = lazy(() => import('../pages/compare/ComparePage'));
const ApiKeysPage = lazy(() => import('../pages/keys/ApiKeysPage'));
const PricingPage = lazy(() => import('../pages/pricing/PricingPage'));
const AdminPage = lazy(() => import('../pages/admin/AdminPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}

function RequireAdmin({ children }: { children: ReactNode }) {
  const { isAdmin } = useAuth();
  if (!isAdmin) return <NotFoundPage />;
  return <>{children}</>;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user) {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
  }
  return <>{children}</>;
}

export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<Spinner className="min-h-screen" />}>
        <Routes>
          <Route element={<GuestOnly><AuthLayout /></GuestOnly>}>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          </Route>
          <Route element={<AuthLayout />}>
            <Route path="/reset-password" element={<ResetPasswordPage />} />
          </Route>
          <Route element={<RequireAuth><AppShell /></RequireAuth>}>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/scenarios" element={<ScenariosPage />} />
            <Route path="/scenarios/:id" element={<ScenarioDetailPage />} />
            <Route path="/scenarios/:id/:tab" element={<ScenarioDetailPage />} />
            <Route path="/compare" element={<ComparePage />} />
            <Route path="/api-keys" element={<ApiKeysPage />} />
            <Route path="/pricing" element={<PricingPage />} />
            <Route path="/admin" element={<RequireAdmin><AdminPage /></RequireAdmin>} />
            <Route path="/admin/:tab" element={<RequireAdmin><AdminPage /></RequireAdmin>} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
