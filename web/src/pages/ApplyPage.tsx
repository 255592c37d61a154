/** The applicant's form for a program: choose a role, answer (prefilled from the profile), submit. */
import { Alert, Card, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { applyContextQuery, enrolmentApi, enrolmentKeys, STATUS_LABELS } from '../api/enrolment.ts';
import type { ProgramRoleName } from '../api/enrolment.ts';
import { ApplyForm } from '../components/ApplyForm.tsx';
import { AnchorLink, ButtonLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/apply');

export function ApplyPage() {
  const { organizationId, programId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const role: ProgramRoleName = search.role ?? 'mentee';
  const context = useQuery(applyContextQuery(programId, role));
  const [submitted, setSubmitted] = useState<{ id: string; status: string } | null>(null);

  const roleSwitch = (
    <SegmentedControl
      aria-label="Apply as"
      value={role}
      onChange={(next) =>
        void navigate({
          to: '/o/$organizationId/programs/$programId/apply',
          params: { organizationId, programId },
          search: { role: next },
        })
      }
      data={[
        { value: 'mentee', label: 'As a mentee' },
        { value: 'mentor', label: 'As a mentor' },
      ]}
    />
  );

  if (context.isPending) return <Loading />;
  if (context.isError)
    return (
      <Page title="Apply">
        {roleSwitch}
        <LoadError error={context.error} onRetry={() => void context.refetch()} />
      </Page>
    );
  const data = context.data;
  const myApplications = (
    <AnchorLink to="/o/$organizationId/my/applications" params={{ organizationId }}>
      my applications
    </AnchorLink>
  );

  if (submitted) {
    const isApproved = submitted.status === 'approved';
    return (
      <Page title={`Apply to ${data.program.name}`}>
        <Alert
          color="green"
          variant="light"
          title={isApproved ? 'You are in: your application was approved' : 'Your application was sent'}
        >
          <Stack gap="xs">
            <Text size="sm">
              {isApproved
                ? 'This program admits applicants through its open sign-up link, so your application was approved when you sent it. The coordinators will match you soon; you can follow it or withdraw it in '
                : 'The program coordinators will review it and you will hear from them by email. You can follow it, change it when asked, or withdraw it in '}
              {myApplications}.
            </Text>
            <div>
              <ButtonLink to="/o/$organizationId/my/applications" params={{ organizationId }}>
                Go to my applications
              </ButtonLink>
            </div>
          </Stack>
        </Alert>
      </Page>
    );
  }

  const expectations =
    role === 'mentor'
      ? data.program.expectations.mentorResponsibilities
      : data.program.expectations.menteeResponsibilities;

  return (
    <Page
      title={`Apply to ${data.program.name}`}
      documentTitle={['Apply', data.program.name]}
      description={data.cohort ? `Cohort: ${data.cohort.name}` : undefined}
    >
      <Stack gap="lg">
        {roleSwitch}
        {expectations ? (
          <Card withBorder padding="md">
            <Text size="sm" fw={500}>
              What is expected of a {role}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {expectations}
            </Text>
          </Card>
        ) : null}
        {data.existing ? (
          <Alert variant="light" title="You have already applied">
            Your application as a {role} is {STATUS_LABELS[data.existing.status]?.toLowerCase()}. See{' '}
            {myApplications} to follow or change it.
          </Alert>
        ) : !data.cohort ? (
          <Alert variant="light" title="Applications are not open">
            No cohort of this program is taking applications right now. Come back when enrolment opens.
          </Alert>
        ) : !data.enrolment.canApply ? (
          <Alert variant="light" color="yellow" title="This program is by invitation only">
            {data.enrolment.reason} If you think you should be in it, ask the program coordinators for an
            invitation.
          </Alert>
        ) : !data.form ? (
          <Alert variant="light" title="No application form yet">
            The coordinators have not published a {role} form for this program yet. Come back later.
          </Alert>
        ) : (
          <Stack gap="sm">
            {data.enrolment.approvesOnSubmit && (
              <Text size="sm" c="dimmed">
                {role === 'mentee'
                  ? 'Mentees are approved as soon as they apply.'
                  : 'Mentors are approved as soon as they apply when every eligibility rule passes; otherwise a coordinator reviews the application.'}
              </Text>
            )}
            <ApplyForm
              key={`${role}-${data.form.id}`}
              role={role}
              questions={data.form.questions}
              catalogue={data.catalogue}
              eligibilityRules={data.eligibilityRules}
              consentStatement={data.consentStatement}
              initial={{ answers: data.prefill }}
              onSubmit={async (values) => {
                const application = await enrolmentApi.submit(programId, {
                  role,
                  cohortId: data.cohort?.id,
                  answers: values.answers,
                  consents: values.consents,
                  capacity: role === 'mentor' ? values.capacity : undefined,
                });
                await queryClient.invalidateQueries({ queryKey: enrolmentKeys.mine });
                await queryClient.invalidateQueries({ queryKey: enrolmentKeys.apply(programId, role) });
                notifications.show({
                  color: 'green',
                  message:
                    application.status === 'approved'
                      ? 'Your application was approved.'
                      : 'Your application was sent.',
                });
                setSubmitted({ id: application.id, status: application.status });
              }}
            />
          </Stack>
        )}
      </Stack>
    </Page>
  );
}
