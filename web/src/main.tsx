/**
 * The web app's entry: Mantine (theme, notifications), TanStack Query (server data) and TanStack
 * Router (pages). A query answered 401 means the session ended: the app returns to the sign-in page.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api/client.ts';
import { queryKeys } from './api/queries.ts';
import { createAppRouter } from './router.tsx';
import { theme } from './theme.ts';

function onSessionEnded(error: unknown): void {
  if (!isApiError(error, 'UNAUTHENTICATED')) return;
  if (queryClient.getQueryData(queryKeys.me) === null) return;
  queryClient.setQueryData(queryKeys.me, null);
  const { pathname, search } = window.location;
  void router.navigate({ to: '/sign-in', search: { redirect: `${pathname}${search}` } });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionEnded }),
  // Sign-in forms call the API directly: their 401 (a wrong password) never reaches this cache.
  mutationCache: new MutationCache({ onError: onSessionEnded }),
  defaultOptions: {
    queries: {
      // Client errors (403, 404, 400) will not get better by asking again.
      retry: (failureCount, error) =>
        failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      staleTime: 10_000,
    },
  },
});

const router = createAppRouter(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} forceColorScheme="light">
      <Notifications position="top-right" zIndex={1000} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
