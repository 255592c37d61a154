import { Alert, Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { organizationsApi } from '../api/endpoints.ts';
import { organizationsQuery, queryKeys } from '../api/queries.ts';
import { MailIcon } from '../components/Icons.tsx';
import { OrganizationForm } from '../components/OrganizationForm.tsx';
import { Page } from '../components/Page.tsx';
import { setLastOrganizationId } from '../lib/last-organization.ts';
import { browserTimeZone } from '../lib/time-zones.ts';

export function CreateOrganizationPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: organizations } = useQuery(organizationsQuery);
  const isFirst = organizations !== undefined && organizations.length === 0;

  return (
    <Page
      title="Create an organization"
      description="An organization is your law firm, bar association, law school, legal-aid organization or court. You become its administrator and can invite colleagues."
    >
      {isFirst ? (
        <Alert
          color="navy"
          variant="light"
          icon={<MailIcon />}
          role="note"
          title="You are not in an organization yet"
        >
          If your organization already uses Second Chair, ask one of its administrators or program
          coordinators to invite you: the invitation link adds you to it. Otherwise, create it here.
        </Alert>
      ) : null}
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <OrganizationForm
          initialValues={{ name: '', kind: null, jurisdictions: [], timeZone: browserTimeZone() }}
          submitLabel="Create organization"
          onSubmit={async (values) => {
            const organization = await organizationsApi.create(values);
            setLastOrganizationId(organization.id);
            queryClient.setQueryData(queryKeys.organization(organization.id), organization);
            await queryClient.invalidateQueries({ queryKey: queryKeys.organizations, exact: true });
            notifications.show({
              color: 'green',
              title: 'Organization created',
              message: `${organization.name} is ready. Invite your colleagues next.`,
            });
            await navigate({ to: '/o/$organizationId', params: { organizationId: organization.id } });
          }}
        />
      </Paper>
    </Page>
  );
}
