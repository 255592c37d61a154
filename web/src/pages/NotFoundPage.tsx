import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { errorMessage, isApiError } from '../api/client.ts';
import { ButtonLink } from '../components/Links.tsx';
import { useDocumentTitle } from '../components/Page.tsx';

/** Shown for addresses the app does not know. */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <Card withBorder padding="xl" maw={560} mx="auto" mt="xl" component="main" id="main">
      <Stack gap="sm">
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text c="dimmed">
          This address does not lead anywhere in Second Chair. Check the link, or start again.
        </Text>
        <Group>
          <ButtonLink to="/">Go to my organizations</ButtonLink>
        </Group>
      </Stack>
    </Card>
  );
}

/** Shown when a page failed to load at all (the server is down, or a bug). */
export function ErrorPage({ error }: { error: unknown }) {
  const router = useRouter();
  useDocumentTitle('Something went wrong');
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Card withBorder padding="xl" maw={560} mx="auto" mt="xl" role="alert">
      <Stack gap="sm">
        <Title order={1} size="h2">
          Something went wrong
        </Title>
        <Text>{errorMessage(error)}</Text>
        {requestId ? (
          <Text size="xs" c="dimmed">
            Reference: {requestId}
          </Text>
        ) : null}
        <Group>
          <Button onClick={() => void router.invalidate()}>Try again</Button>
          <ButtonLink to="/" variant="default">
            Start again
          </ButtonLink>
        </Group>
      </Stack>
    </Card>
  );
}
