/** Sign-in state shared by the pages: who is signed in, and what changes when that changes. */
import { useQueryClient, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useCallback } from 'react';
import { resetCsrfToken } from './api/client.ts';
import { authApi, type Me } from './api/endpoints.ts';
import { meQuery, queryKeys } from './api/queries.ts';

/** The signed-in user, or null. */
export function useMe(): Me | null {
  return useSuspenseQuery(meQuery).data;
}

/** Starts a new session's cache: everything cached belonged to the previous user. */
export function startSession(queryClient: QueryClient, user: Me | null): void {
  resetCsrfToken();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
  queryClient.setQueryData(queryKeys.me, user);
}

/** Signs out and opens the sign-in page (or `to`). */
export function useSignOut() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(
    async (to = '/sign-in') => {
      try {
        await authApi.signOut();
      } finally {
        startSession(queryClient, null);
        router.history.push(to);
      }
    },
    [queryClient, router],
  );
}
