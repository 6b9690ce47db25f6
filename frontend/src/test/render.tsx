import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import { I18nProvider } from '../i18n/I18n';
import type { Locale } from '../i18n/format';
import { ThemeProvider } from '../app/theme';
import { ToastProvider } from '../app/toast';
import { AuthProvider } from '../auth/AuthContext';

/** Renders a component inside the app's providers, at a route, in a language. */
export function renderApp(ui: ReactElement, { route = '/', path = '*', locale = 'en' as Locale } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider locale={locale}>
        <ThemeProvider>
          <ToastProvider>
            <AuthProvider>
              <MemoryRouter initialEntries={[route]}>
                <Routes>
                  <Route path={path} element={ui} />
                  <Route path="*" element={<p>elsewhere</p>} />
                </Routes>
              </MemoryRouter>
            </AuthProvider>
          </ToastProvider>
        </ThemeProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

/** A fetch that answers each call with the next of the given responses (the API's answers, as JSON). */
export function answers(...responses: { status: number; body?: unknown }[]) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetchStub = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const r = responses.shift() ?? { status: 500, body: { detail: 'no more answers' } };
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), {
      status: r.status,
      headers: { 'Content-Type': r.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
  return { fetchStub: fetchStub as unknown as typeof fetch, calls };
}
