/** Loading and error states shared by every page. */
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { errorMessage, isApiError } from '../api/client.ts';
import { AlertIcon } from './Icons.tsx';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden="true" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function LoadError({
  error,
  title = 'This could not be loaded',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Alert color="red" variant="light" title={title} icon={<AlertIcon />} role="alert">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(error)}</Text>
        {requestId ? (
          <Text size="xs" c="dimmed">
            Reference: {requestId}
          </Text>
        ) : null}
        {onRetry ? (
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** The alert above a form after a failed submit; an aria-live region so it is announced. */
export function FormAlert({
  message,
  title = 'That did not work',
}: {
  message: string | null;
  title?: string;
}) {
  return (
    <div aria-live="assertive">
      {message ? (
        <Alert color="red" variant="light" title={title} icon={<AlertIcon />}>
          {message}
        </Alert>
      ) : null}
    </div>
  );
}
