/** The organization's name, kind, jurisdictions and time zone: editable by admins, readable by all. */
import { Alert, Badge, Card, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { organizationsApi } from '../api/endpoints.ts';
import { organizationQuery, queryKeys } from '../api/queries.ts';
import { AlertIcon } from '../components/Icons.tsx';
import { OrganizationForm } from '../components/OrganizationForm.tsx';
import { Page } from '../components/Page.tsx';
import { jurisdictionLabel } from '../lib/jurisdictions.ts';
import { KIND_LABELS } from '../lib/labels.ts';

const route = getRouteApi('/_app/o/$organizationId/settings');

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

export function OrganizationSettingsPage() {
  const { organizationId } = route.useParams();
  const queryClient = useQueryClient();
  const { data: organization } = useSuspenseQuery(organizationQuery(organizationId));

  if (!organization.can.edit) {
    return (
      <Page title="Settings" documentTitle={['Settings', organization.name]}>
        <Alert color="gray" variant="light" icon={<AlertIcon />} role="note">
          Only administrators of {organization.name} can change these settings.
        </Alert>
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Field label="Name">
              <Text>{organization.name}</Text>
            </Field>
            <Field label="Kind">
              <Text>{KIND_LABELS[organization.kind]}</Text>
            </Field>
            <Field label="Jurisdictions">
              {organization.jurisdictions.length ? (
                <Group gap={6}>
                  {organization.jurisdictions.map((code) => (
                    <Badge key={code} variant="light" color="navy" tt="none">
                      {jurisdictionLabel(code)}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Text c="dimmed">None</Text>
              )}
            </Field>
            <Field label="Time zone">
              <Text>{organization.timeZone.replaceAll('_', ' ')}</Text>
            </Field>
          </SimpleGrid>
        </Card>
      </Page>
    );
  }

  return (
    <Page
      title="Settings"
      documentTitle={['Settings', organization.name]}
      description="What your members see, and the time zone used for meetings, deadlines and reports."
    >
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <OrganizationForm
          // A fresh form when another tab or person changed the organization.
          key={`${organization.name}|${organization.kind}|${organization.jurisdictions.join(',')}|${organization.timeZone}`}
          initialValues={{
            name: organization.name,
            kind: organization.kind,
            jurisdictions: organization.jurisdictions,
            timeZone: organization.timeZone,
          }}
          submitLabel="Save changes"
          resetOnSuccess
          onSubmit={async (values) => {
            const updated = await organizationsApi.update(organizationId, values);
            queryClient.setQueryData(queryKeys.organization(organizationId), updated);
            await queryClient.invalidateQueries({ queryKey: queryKeys.organizations, exact: true });
            notifications.show({ color: 'green', message: 'Settings saved.' });
          }}
        />
      </Paper>
    </Page>
  );
}
