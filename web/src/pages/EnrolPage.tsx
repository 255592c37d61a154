/**
 * The page a program's open sign-up link opens. Anyone holding the link sees the program; a signed-in
 * person joins the organization and goes on to apply, anyone else signs in or signs up and comes back.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { errorMessage, isApiError } from '../api/client.ts';
import { enrolmentApi, enrolmentKeys } from '../api/enrolment.ts';
import { queryKeys } from '../api/queries.ts';
import { AlertIcon } from '../components/Icons.tsx';
import { ButtonLink } from '../components/Links.tsx';
import { PublicCard } from '../components/PublicLayout.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';
import { setLastOrganizationId } from '../lib/last-organization.ts';
import { useMe } from '../session.ts';

const route = getRouteApi('/_public/enrol/$token');

export function EnrolPage() {
  const { token } = route.useParams();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: [...enrolmentKeys.openLink(token), me?.id ?? null],
    queryFn: () => enrolmentApi.openLinkPreview(token),
    retry: false,
  });
  const join = useMutation({
    mutationFn: () => enrolmentApi.joinByOpenLink(token),
    onSuccess: async ({ organizationId, programId }) => {
      setLastOrganizationId(organizationId);
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      await navigate({
        to: '/o/$organizationId/programs/$programId/apply',
        params: { organizationId, programId },
        search: {},
      });
    },
  });

  if (preview.isPending) {
    return (
      <PublicCard title="Program sign-up">
        <Loading label="Opening the sign-up link…" />
      </PublicCard>
    );
  }
  if (preview.isError) {
    return (
      <PublicCard title="Sign-up link not found">
        {isApiError(preview.error, 'NOT_FOUND', 'VALIDATION_FAILED') ? (
          <Alert
            color="red"
            variant="light"
            icon={<AlertIcon />}
            role="alert"
            title="This link does not work"
          >
            The sign-up link is incomplete, was replaced by a newer one, or the program no longer takes
            sign-ups. Check that you copied the whole link, or ask the program&apos;s coordinators for a new
            one.
          </Alert>
        ) : (
          <LoadError error={preview.error} onRetry={() => void preview.refetch()} />
        )}
      </PublicCard>
    );
  }

  const { organization, program, cohort, isMember } = preview.data;
  const here = `/enrol/${token}`;
  return (
    <PublicCard title={program.name} description={`Offered by ${organization.name}`}>
      {program.description ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {program.description}
        </Text>
      ) : null}
      {cohort ? (
        <Text size="sm" c="dimmed">
          Enrolling now: {cohort.name}
          {cohort.enrolmentClosesOn ? ` (until ${cohort.enrolmentClosesOn})` : ''}
        </Text>
      ) : (
        <Alert variant="light" title="Applications are not open yet">
          You can join now and apply once enrolment opens.
        </Alert>
      )}
      {me === null ? (
        <Stack gap="sm">
          <Text size="sm">Sign in to join {organization.name} and apply, or create an account first.</Text>
          <Group>
            <ButtonLink to="/sign-in" search={{ redirect: here }}>
              Sign in
            </ButtonLink>
            <ButtonLink to="/sign-up" search={{ redirect: here }} variant="default">
              Create an account
            </ButtonLink>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <FormAlert message={join.isError ? errorMessage(join.error) : null} title="You could not join" />
          <Text size="sm">
            Signed in as <strong>{me.email}</strong>.
            {isMember ? ` You already belong to ${organization.name}.` : ''}
          </Text>
          <Group>
            <Button onClick={() => join.mutate()} loading={join.isPending}>
              {isMember ? 'Apply' : 'Join and apply'}
            </Button>
          </Group>
        </Stack>
      )}
    </PublicCard>
  );
}
