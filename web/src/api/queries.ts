/**
 * TanStack Query keys and query options, in one place so that mutations invalidate the right data.
 */
import { queryOptions } from '@tanstack/react-query';
import type { CohortState as CohortStateName } from '../../../src/core/programs/vocabulary.ts';
import { isApiError } from './client.ts';
import {
  adminApi,
  apiTokensApi,
  authApi,
  invitationsApi,
  membersApi,
  organizationsApi,
  profilesApi,
  programsApi,
} from './endpoints.ts';

export const queryKeys = {
  me: ['me'] as const,
  organizations: ['organizations'] as const,
  organization: (organizationId: string) => ['organizations', organizationId] as const,
  members: (organizationId: string) => ['organizations', organizationId, 'members'] as const,
  invitations: (organizationId: string) => ['organizations', organizationId, 'invitations'] as const,
  profile: (organizationId: string, membershipId: string) =>
    ['organizations', organizationId, 'members', membershipId, 'profile'] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
  emails: (to: string) => ['admin', 'emails', to] as const,
  email: (emailId: string) => ['admin', 'email', emailId] as const,
  apiTokens: ['me', 'api-tokens'] as const,
  programs: (organizationId: string) => ['organizations', organizationId, 'programs'] as const,
  program: (programId: string) => ['programs', programId] as const,
};

/** The signed-in user, or null when signed out (a 401 is an answer here, not an error). */
export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: async () => {
    try {
      return await authApi.me();
    } catch (error) {
      if (isApiError(error, 'UNAUTHENTICATED')) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export const organizationsQuery = queryOptions({
  queryKey: queryKeys.organizations,
  queryFn: organizationsApi.list,
  staleTime: 30_000,
});

export const organizationQuery = (organizationId: string) =>
  queryOptions({
    queryKey: queryKeys.organization(organizationId),
    queryFn: () => organizationsApi.get(organizationId),
    staleTime: 30_000,
  });

export const membersQuery = (organizationId: string) =>
  queryOptions({
    queryKey: queryKeys.members(organizationId),
    queryFn: () => membersApi.list(organizationId),
  });

export const invitationsQuery = (organizationId: string) =>
  queryOptions({
    queryKey: queryKeys.invitations(organizationId),
    queryFn: () => invitationsApi.list(organizationId),
  });

export const profileQuery = (organizationId: string, membershipId: string) =>
  queryOptions({
    queryKey: queryKeys.profile(organizationId, membershipId),
    queryFn: () => profilesApi.get(organizationId, membershipId),
  });

export const invitationPreviewQuery = (token: string) =>
  queryOptions({
    queryKey: queryKeys.invitationPreview(token),
    queryFn: () => invitationsApi.preview(token),
    retry: false,
  });

export const emailsQuery = (to: string) =>
  queryOptions({
    queryKey: queryKeys.emails(to),
    queryFn: () => adminApi.findEmails({ to: to || undefined, limit: 100 }),
  });

export const emailQuery = (emailId: string) =>
  queryOptions({
    queryKey: queryKeys.email(emailId),
    queryFn: () => adminApi.getEmail(emailId),
  });

export const apiTokensQuery = queryOptions({ queryKey: queryKeys.apiTokens, queryFn: apiTokensApi.list });

export const programsQuery = (
  organizationId: string,
  query: { search?: string; state?: CohortStateName; page?: number; archived?: 'true' | 'false' } = {},
) =>
  queryOptions({
    queryKey: [...queryKeys.programs(organizationId), query] as const,
    queryFn: () => programsApi.find(organizationId, query),
  });

export const programOverviewQuery = (programId: string) =>
  queryOptions({
    queryKey: [...queryKeys.program(programId), 'overview'] as const,
    queryFn: () => programsApi.overview(programId),
  });

export const programCoordinatorsQuery = (programId: string) =>
  queryOptions({
    queryKey: [...queryKeys.program(programId), 'coordinators'] as const,
    queryFn: () => programsApi.listCoordinators(programId),
  });
