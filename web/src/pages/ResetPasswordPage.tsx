import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ResetPasswordRequest } from '../../../src/contracts/auth.ts';
import { isApiError } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { AlertIcon } from '../components/Icons.tsx';
import { AnchorLink, ButtonLink } from '../components/Links.tsx';
import { PublicCard } from '../components/PublicLayout.tsx';
import { FormAlert } from '../components/QueryState.tsx';
import { applyServerError, phrase } from '../lib/form-errors.ts';
import { startSession } from '../session.ts';

const route = getRouteApi('/_public/reset-password');
const LABELS = { newPassword: 'New password', confirmPassword: 'The confirmation' };

export function ResetPasswordPage() {
  const { token, error: linkError } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [isLinkInvalid, setLinkInvalid] = useState(Boolean(linkError) || !token);
  const form = useForm({
    mode: 'controlled',
    initialValues: { newPassword: '', confirmPassword: '' },
    validate: (values) => {
      const errors: Record<string, string> = {};
      const parsed = ResetPasswordRequest.shape.newPassword.safeParse(values.newPassword);
      if (!parsed.success) errors.newPassword = phrase('New password', parsed.error.issues[0].message);
      if (values.confirmPassword !== values.newPassword) errors.confirmPassword = 'The two passwords differ';
      return errors;
    },
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await authApi.resetPassword({ token: token!, newPassword: values.newPassword });
      // Every session ends when a password is reset, including this browser's.
      startSession(queryClient, null);
      notifications.show({
        color: 'green',
        title: 'Password changed',
        message: 'Sign in with your new password.',
      });
      await navigate({ to: '/sign-in' });
    } catch (error) {
      if (
        isApiError(error, 'INVALID_STATE', 'NOT_FOUND') ||
        (isApiError(error) && /token/i.test(error.message))
      ) {
        setLinkInvalid(true);
        return;
      }
      setFormError(applyServerError(form, error, LABELS));
    }
  });

  if (isLinkInvalid) {
    return (
      <PublicCard title="This link does not work">
        <Alert
          color="red"
          variant="light"
          icon={<AlertIcon />}
          role="alert"
          title="The reset link is invalid or expired"
        >
          Password-reset links work once, for one hour. Ask for a new one and use the newest email.
        </Alert>
        <Group>
          <ButtonLink to="/forgot-password">Send a new link</ButtonLink>
          <AnchorLink to="/sign-in" size="sm">
            Back to sign in
          </AnchorLink>
        </Group>
      </PublicCard>
    );
  }

  return (
    <PublicCard title="Choose a new password" description="Your other sessions will be signed out.">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} title="Your password was not changed" />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            autoFocus
            description="At least 10 characters"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Confirm the new password"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirmPassword')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">
        <AnchorLink to="/sign-in">Back to sign in</AnchorLink>
      </Text>
    </PublicCard>
  );
}
