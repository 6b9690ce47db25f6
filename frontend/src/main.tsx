import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import './index.css';
import { I18nProvider } from './i18n/I18n';
import { ThemeProvider } from './app/theme';
import { ToastProvider } from './app/toast';
import { AuthProvider } from './auth/AuthContext';
import { App } from './app/App';
import { ApiError } from './api/client';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final (a 404 stays a 404); a rate limit or a network blip is worth one more try
      retry: (count, error) => {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) return false;
        return count < 2;
      },
      retryDelay: (count, error) =>
        error instanceof ApiError && error.retryAfter ? error.retryAfter * 1000 : Math.min(1000 * 2 ** count, 8000),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ThemeProvider>
          <ToastProvider>
            <AuthProvider>
              <App />
            </AuthProvider>
          </ToastProvider>
        </ThemeProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
