import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { RequestPasswordResetRequest } from '../../../src/contracts/auth.ts';
import { authApi } from '../api/endpoints.ts';
import { MailIcon } from '../components/Icons.tsx';
import { AnchorLink } from '../components/Links.tsx';
import { PublicCard } from '../components/PublicLayout.tsx';
import { FormAlert } from '../components/QueryState.tsx';
import { applyServerError, zodValidate } from '../lib/form-errors.ts';

const route = getRouteApi('/_public/forgot-password');
const LABELS = { email: 'Email' };

export function ForgotPasswordPage() {
  const search = route.useSearch();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: search.email ?? '' },
    validate: zodValidate(RequestPasswordResetRequest, LABELS),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await authApi.requestPasswordReset({ email: values.email, redirectTo: '/reset-password' });
      setSentTo(values.email.trim().toLowerCase());
    } catch (error) {
      setFormError(applyServerError(form, error, LABELS));
    }
  });

  return (
    <PublicCard
      title="Reset your password"
      description="Enter the email address of your account and we will send you a link to choose a new password."
    >
      <div aria-live="polite">
        {sentTo ? (
          <Alert color="navy" variant="light" icon={<MailIcon />} role="status" title="Check your email">
            If there is an account for <strong>{sentTo}</strong>, a link is on its way. It works once, for one
            hour. Nothing arrived? Check your spam folder, or ask your administrator.
          </Alert>
        ) : null}
      </div>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} title="The link was not sent" />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} variant={sentTo ? 'default' : 'filled'}>
              {sentTo ? 'Send another link' : 'Send the link'}
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">
        Remembered it? <AnchorLink to="/sign-in">Sign in</AnchorLink>
      </Text>
    </PublicCard>
  );
}
