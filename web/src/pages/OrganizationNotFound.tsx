import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { ButtonLink } from '../components/Links.tsx';
import { useDocumentTitle } from '../components/Page.tsx';

/** Another organization's address, or one that no longer exists: the server says 404 either way. */
export function OrganizationNotFound() {
  useDocumentTitle('Organization not found');
  return (
    <Card withBorder padding="xl" maw={600}>
      <Stack gap="sm">
        <Title order={1} size="h2">
          Organization not found
        </Title>
        <Text c="dimmed">
          This organization does not exist, or you are not one of its members. If you were invited, open the
          link in your invitation email.
        </Text>
        <Group>
          <ButtonLink to="/">Go to my organizations</ButtonLink>
        </Group>
      </Stack>
    </Card>
  );
}
