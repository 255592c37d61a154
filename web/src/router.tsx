/**
 * Every page of the web app, as code-based TanStack Router routes. Organization pages live under
 * /o/:organizationId so that links can be shared and the browser's back button works across
 * organizations.
 */
import type { QueryClient } from '@tanstack/react-query';
import {
  Outlet,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  redirect,
  useRouter,
} from '@tanstack/react-router';
import { useEffect } from 'react';
import { z } from 'zod';
import { isApiError } from './api/client.ts';
import { meQuery, organizationQuery, organizationsQuery } from './api/queries.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { markNavigated } from './components/Page.tsx';
import { PublicLayout } from './components/PublicLayout.tsx';
import { Loading } from './components/QueryState.tsx';
import {
  clearLastOrganizationId,
  getLastOrganizationId,
  setLastOrganizationId,
} from './lib/last-organization.ts';
import { safeRedirect } from './lib/safe-redirect.ts';
import { ApplicationsPage } from './pages/ApplicationsPage.tsx';
import { ApplyPage } from './pages/ApplyPage.tsx';
import { EligibilityRulesPage } from './pages/EligibilityRulesPage.tsx';
import { EnrolPage } from './pages/EnrolPage.tsx';
import { FormBuilderPage } from './pages/FormBuilderPage.tsx';
import { MyApplicationsPage } from './pages/MyApplicationsPage.tsx';
import { RankPage } from './pages/RankPage.tsx';
import { ApiTokensPage } from './pages/ApiTokensPage.tsx';
import { ProgramRosterPage } from './pages/ProgramRosterPage.tsx';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage.tsx';
import { CreateOrganizationPage } from './pages/CreateOrganizationPage.tsx';
import { EmailOutboxPage } from './pages/EmailOutboxPage.tsx';
import { EmailPage } from './pages/EmailPage.tsx';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage.tsx';
import { InvitationsPage } from './pages/InvitationsPage.tsx';
import { MemberProfilePage } from './pages/MemberProfilePage.tsx';
import { MatchRunPage } from './pages/MatchRunPage.tsx';
import { MatchRunsPage } from './pages/MatchRunsPage.tsx';
import { MembersPage } from './pages/MembersPage.tsx';
import { MentorsPage } from './pages/MentorsPage.tsx';
import { MyRequestsPage } from './pages/MyRequestsPage.tsx';
import { MyProfilePage } from './pages/MyProfilePage.tsx';
import { ErrorPage, NotFoundPage } from './pages/NotFoundPage.tsx';
import { OrganizationNotFound } from './pages/OrganizationNotFound.tsx';
import { OrganizationOverviewPage } from './pages/OrganizationOverviewPage.tsx';
import { OrganizationSettingsPage } from './pages/OrganizationSettingsPage.tsx';
import { NewProgramPage } from './pages/NewProgramPage.tsx';
import { ProgramOverviewPage } from './pages/ProgramOverviewPage.tsx';
import { ProgramSettingsPage } from './pages/ProgramSettingsPage.tsx';
import { ProgramsPage } from './pages/ProgramsPage.tsx';
import { MyRelationshipsPage, ProgramRelationshipsPage } from './pages/RelationshipsPage.tsx';
import { ResetPasswordPage } from './pages/ResetPasswordPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignUpPage } from './pages/SignUpPage.tsx';

export interface RouterContext {
  queryClient: QueryClient;
}

// The router parses search values as JSON ("?token=123" would be a number); keep them as text.
const text = z.preprocess(
  (value) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) || undefined : undefined,
  z.string().optional(),
);

function Root() {
  const router = useRouter();
  useEffect(
    () =>
      router.subscribe('onBeforeNavigate', (event) => {
        if (event.fromLocation && event.pathChanged) markNavigated();
      }),
    [router],
  );
  return (
    <>
      <Outlet />
      {/* Page titles are read out here after a navigation (see components/Page.tsx). */}
      <div id="route-announcer" className="visually-hidden" aria-live="polite" aria-atomic="true" />
    </>
  );
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Root,
  // Who is signed in decides most redirects; one request before the first page.
  beforeLoad: async ({ context }) => {
    await context.queryClient.ensureQueryData(meQuery);
  },
  notFoundComponent: NotFoundPage,
  errorComponent: ({ error }) => <ErrorPage error={error} />,
});

// Pages for people who are not signed in (the invitation page serves both).
const publicRoute = createRoute({ getParentRoute: () => rootRoute, id: '_public', component: PublicLayout });

const signInSearch = z.object({ redirect: text, email: text });

const redirectIfSignedIn = async ({
  context,
  search,
}: {
  context: RouterContext;
  search: { redirect?: string };
}) => {
  const me = await context.queryClient.ensureQueryData(meQuery);
  if (me) redirect({ href: safeRedirect(search.redirect), throw: true });
};

const signInRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'sign-in',
  validateSearch: signInSearch,
  beforeLoad: redirectIfSignedIn,
  component: SignInPage,
});
const signUpRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'sign-up',
  validateSearch: signInSearch,
  beforeLoad: redirectIfSignedIn,
  component: SignUpPage,
});
const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'forgot-password',
  validateSearch: z.object({ email: text }),
  component: ForgotPasswordPage,
});
const resetPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'reset-password',
  // better-auth redirects the emailed link here with ?token=… or, for a bad token, ?error=INVALID_TOKEN.
  validateSearch: z.object({ token: text, error: text }),
  component: ResetPasswordPage,
});
const invitationRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'invitations/$token',
  component: AcceptInvitationPage,
});
// The open sign-up link of a program (serves signed-in and signed-out people, like invitations).
const enrolRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'enrol/$token',
  component: EnrolPage,
});

// Everything else needs a session.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) {
      redirect({
        to: '/sign-in',
        search: { redirect: location.href === '/' ? undefined : location.href },
        throw: true,
      });
    }
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  // Reopen the organization used last, else the first one, else offer to create one.
  beforeLoad: async ({ context }) => {
    const organizations = await context.queryClient.ensureQueryData(organizationsQuery);
    const last = getLastOrganizationId();
    const target = organizations.find((o) => o.id === last) ?? organizations[0];
    if (target) redirect({ to: '/o/$organizationId', params: { organizationId: target.id }, throw: true });
    redirect({ to: '/organizations/new', throw: true });
  },
});

const createOrganizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organizations/new',
  component: CreateOrganizationPage,
});

const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'o/$organizationId',
  loader: async ({ context, params }) => {
    await context.queryClient.ensureQueryData(organizationQuery(params.organizationId));
    setLastOrganizationId(params.organizationId);
  },
  errorComponent: ({ error }) => {
    if (isApiError(error, 'NOT_FOUND', 'VALIDATION_FAILED')) return <OrganizationNotFound />;
    return <ErrorPage error={error} />;
  },
  onError: (error) => {
    if (isApiError(error, 'NOT_FOUND')) clearLastOrganizationId();
  },
  component: Outlet,
});

const organizationIndexRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: '/',
  component: OrganizationOverviewPage,
});
const membersRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'members',
  component: MembersPage,
});
const memberProfileRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'members/$membershipId',
  component: MemberProfilePage,
});
const myProfileRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'profile',
  component: MyProfilePage,
});
const invitationsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'invitations',
  component: InvitationsPage,
});
const mentorsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/mentors',
  component: MentorsPage,
});
const myRequestsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'my/requests',
  component: MyRequestsPage,
});
const programRosterRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/roster',
  component: ProgramRosterPage,
});
const settingsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'settings',
  component: OrganizationSettingsPage,
});
const matchRunsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/match-runs',
  component: Outlet,
});
const matchRunsIndexRoute = createRoute({
  getParentRoute: () => matchRunsRoute,
  path: '/',
  component: MatchRunsPage,
});
const matchRunRoute = createRoute({
  getParentRoute: () => matchRunsRoute,
  path: '$runId',
  component: MatchRunPage,
});
const programRelationshipsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/relationships',
  component: ProgramRelationshipsPage,
});
const myRelationshipsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'my/relationships',
  component: MyRelationshipsPage,
});

// Programs (issue 7): the list, the guided setup, a program's overview and its settings. Other program
// pages (forms, applications, apply, match-runs) are siblings: programs/$programId/<page>.
const programsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs',
  component: ProgramsPage,
});
const newProgramRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/new',
  component: NewProgramPage,
});
const programOverviewRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId',
  component: ProgramOverviewPage,
});
const programSettingsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/settings',
  component: ProgramSettingsPage,
});

// Enrolment: forms, applying, the review queue, eligibility rules, rankings, my applications.
const programRole = z.enum(['mentor', 'mentee']).optional().catch(undefined);
const programFormsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/forms',
  component: FormBuilderPage,
});
const programApplyRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/apply',
  validateSearch: z.object({ role: programRole }),
  component: ApplyPage,
});
const programApplicationsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/applications',
  component: ApplicationsPage,
});
const programEligibilityRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/eligibility',
  component: EligibilityRulesPage,
});
const programRankRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'programs/$programId/rank',
  validateSearch: z.object({ application: text }),
  component: RankPage,
});
const myApplicationsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: 'my/applications',
  component: MyApplicationsPage,
});

const apiTokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account/api-tokens',
  component: ApiTokensPage,
});

const emailsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/emails',
  component: Outlet,
});
const emailsIndexRoute = createRoute({
  getParentRoute: () => emailsRoute,
  path: '/',
  validateSearch: z.object({ to: text }),
  component: EmailOutboxPage,
});
const emailRoute = createRoute({
  getParentRoute: () => emailsRoute,
  path: '$emailId',
  component: EmailPage,
});

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([
    signInRoute,
    signUpRoute,
    forgotPasswordRoute,
    resetPasswordRoute,
    invitationRoute,
    enrolRoute,
  ]),
  appRoute.addChildren([
    homeRoute,
    createOrganizationRoute,
    organizationRoute.addChildren([
      organizationIndexRoute,
      membersRoute,
      memberProfileRoute,
      myProfileRoute,
      invitationsRoute,
      programRosterRoute,
      settingsRoute,
      programsRoute,
      newProgramRoute,
      programOverviewRoute,
      programSettingsRoute,
      mentorsRoute,
      myRequestsRoute,
      matchRunsRoute.addChildren([matchRunsIndexRoute, matchRunRoute]),
      programRelationshipsRoute,
      myRelationshipsRoute,
      programFormsRoute,
      programApplyRoute,
      programApplicationsRoute,
      programEligibilityRoute,
      programRankRoute,
      myApplicationsRoute,
    ]),
    apiTokensRoute,
    emailsRoute.addChildren([emailsIndexRoute, emailRoute]),
  ]),
]);

/** Builds the router around the app's query client. */
export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // TanStack Query decides freshness; the router always asks it.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: () => <Loading />,
    defaultPendingMs: 300,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
