/** Asks a signed-in person with an unconfirmed email address to confirm it, and resends the link. */
import { Alert, Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { useMe } from '../session.ts';
import { MailIcon } from './Icons.tsx';

export function VerifyEmailBanner() {
  const me = useMe();
  const resend = useMutation({
    mutationFn: (email: string) => authApi.sendVerificationEmail({ email, callbackURL: '/' }),
  });
  if (!me || me.emailVerified) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<MailIcon />}
      role="note"
      title="Please confirm your email address"
    >
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm">
          We sent a confirmation link to <strong>{me.email}</strong>. Open it to confirm that the address is
          yours.
        </Text>
        <Button
          size="xs"
          variant="default"
          loading={resend.isPending}
          disabled={resend.isSuccess}
          onClick={() => resend.mutate(me.email)}
        >
          {resend.isSuccess ? 'Link sent' : 'Resend the link'}
        </Button>
      </Group>
      <div aria-live="polite">
        {resend.isSuccess ? (
          <Text size="sm" mt="xs">
            A new link is on its way to {me.email}.
          </Text>
        ) : null}
        {resend.isError ? (
          <Text size="sm" mt="xs" c="red.8">
            {errorMessage(resend.error)}
          </Text>
        ) : null}
      </div>
    </Alert>
  );
}
