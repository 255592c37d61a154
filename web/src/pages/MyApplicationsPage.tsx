/** The signed-in person's applications: status, the decision message, withdraw, and edit when asked. */
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import {
  applicationQuery,
  applyContextQuery,
  enrolmentApi,
  enrolmentKeys,
  myApplicationsQuery,
  STATUS_LABELS,
  type ApplicationDto,
} from '../api/enrolment.ts';
import { ApplyForm } from '../components/ApplyForm.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { AnchorLink, ButtonLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';

const route = getRouteApi('/_app/o/$organizationId/my/applications');

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'blue',
  approved: 'green',
  rejected: 'red',
  waitlisted: 'yellow',
  changes_requested: 'orange',
  withdrawn: 'gray',
};

function EditApplication({ application, onDone }: { application: ApplicationDto; onDone: () => void }) {
  const queryClient = useQueryClient();
  const detail = useQuery(applicationQuery(application.id));
  const context = useQuery(applyContextQuery(application.programId, application.role));
  if (detail.isPending || context.isPending) return <Loading />;
  if (detail.isError) return <LoadError error={detail.error} />;
  if (context.isError) return <LoadError error={context.error} />;
  return (
    <ApplyForm
      role={application.role}
      questions={detail.data.questions}
      catalogue={context.data.catalogue}
      eligibilityRules={context.data.eligibilityRules}
      consentStatement={context.data.consentStatement}
      initial={{
        answers: application.answers,
        consents: Object.keys(application.consents),
        capacity: application.capacity,
      }}
      submitLabel="Send the changes"
      onCancel={onDone}
      onSubmit={async (values) => {
        await enrolmentApi.update(application.id, values);
        await queryClient.invalidateQueries({ queryKey: enrolmentKeys.mine });
        await queryClient.invalidateQueries({ queryKey: enrolmentKeys.application(application.id) });
        notifications.show({ color: 'green', message: 'Your changes were sent.' });
        onDone();
      }}
    />
  );
}

function ApplicationCard({ application }: { application: ApplicationDto }) {
  const { organizationId } = route.useParams();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => enrolmentApi.withdraw(application.id),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Your application was withdrawn.' });
      await queryClient.invalidateQueries({ queryKey: enrolmentKeys.mine });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not withdrawn', message: errorMessage(error) }),
  });
  return (
    <Card withBorder padding="lg" component="article">
      <Stack gap="sm">
        <Group justify="space-between">
          <Stack gap={0}>
            <Title order={2} size="h4">
              <AnchorLink
                to="/o/$organizationId/programs/$programId"
                params={{ organizationId, programId: application.programId }}
              >
                {application.programName}
              </AnchorLink>
            </Title>
            <Text size="sm" c="dimmed">
              As a {application.role} · {application.cohortName} · sent{' '}
              {new Date(application.submittedAt).toLocaleDateString()}
            </Text>
          </Stack>
          <Badge color={STATUS_COLORS[application.status]}>{STATUS_LABELS[application.status]}</Badge>
        </Group>
        {application.decisionMessage ? (
          <Alert
            variant="light"
            color={application.status === 'changes_requested' ? 'orange' : 'gray'}
            title="Message from the coordinators"
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {application.decisionMessage}
            </Text>
          </Alert>
        ) : null}
        {editing ? (
          <EditApplication application={application} onDone={() => setEditing(false)} />
        ) : (
          <Group>
            {application.can.update ? (
              <Button size="xs" onClick={() => setEditing(true)}>
                {application.status === 'changes_requested' ? 'Make the changes' : 'Edit answers'}
              </Button>
            ) : null}
            {application.can.rank ? (
              <ButtonLink
                size="xs"
                variant="default"
                to="/o/$organizationId/programs/$programId/rank"
                params={{ organizationId, programId: application.programId }}
                search={{ application: application.id }}
              >
                Rank candidates
              </ButtonLink>
            ) : null}
            {application.can.withdraw ? (
              <ConfirmButton
                size="xs"
                variant="default"
                color="red"
                title="Withdraw this application?"
                message={`You leave ${application.programName}'s enrolment as a ${application.role}. You can apply again while enrolment is open.`}
                confirmLabel="Withdraw"
                loading={withdraw.isPending}
                onConfirm={() => withdraw.mutate()}
              >
                Withdraw
              </ConfirmButton>
            ) : null}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function MyApplicationsPage() {
  const { organizationId } = route.useParams();
  const applications = useQuery(myApplicationsQuery);
  const here = (applications.data ?? []).filter((a) => a.organizationId === organizationId);
  return (
    <Page title="My applications" description="The programs you applied to in this organization.">
      {applications.isPending ? (
        <Loading />
      ) : applications.isError ? (
        <LoadError error={applications.error} onRetry={() => void applications.refetch()} />
      ) : here.length === 0 ? (
        <Alert variant="light" title="No applications yet">
          <Stack gap="xs">
            <Text size="sm">Open a program and choose Apply to join it as a mentor or a mentee.</Text>
            <div>
              <ButtonLink size="xs" to="/o/$organizationId/programs" params={{ organizationId }}>
                See the programs
              </ButtonLink>
            </div>
          </Stack>
        </Alert>
      ) : (
        <Stack gap="md">
          {here.map((application) => (
            <ApplicationCard key={application.id} application={application} />
          ))}
        </Stack>
      )}
    </Page>
  );
}
