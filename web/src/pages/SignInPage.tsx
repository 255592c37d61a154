import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { SignInRequest } from '../../../src/contracts/auth.ts';
import { authApi } from '../api/endpoints.ts';
import { AnchorLink } from '../components/Links.tsx';
import { PublicCard } from '../components/PublicLayout.tsx';
import { FormAlert } from '../components/QueryState.tsx';
import { applyServerError, zodValidate } from '../lib/form-errors.ts';
import { safeRedirect } from '../lib/safe-redirect.ts';
import { startSession } from '../session.ts';

const route = getRouteApi('/_public/sign-in');
const LABELS = { email: 'Email', password: 'Password' };

export function SignInPage() {
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: search.email ?? '', password: '' },
    validate: zodValidate(SignInRequest, LABELS),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const { user } = await authApi.signIn({
        email: values.email,
        password: values.password,
        rememberMe: true,
      });
      startSession(queryClient, user);
      router.history.push(safeRedirect(search.redirect));
    } catch (error) {
      setFormError(applyServerError(form, error, LABELS));
    }
  });

  return (
    <PublicCard title="Sign in" description="Welcome back. Sign in to your Second Chair account.">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} title="You are not signed in" />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            autoFocus={!search.email}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            autoFocus={Boolean(search.email)}
            {...form.getInputProps('password')}
          />
          <Group justify="space-between" align="center">
            <AnchorLink to="/forgot-password" search={{ email: form.values.email || undefined }} size="sm">
              Forgot your password?
            </AnchorLink>
            <Button type="submit" loading={form.submitting}>
              Sign in
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">
        New to Second Chair?{' '}
        <AnchorLink to="/sign-up" search={{ redirect: search.redirect, email: search.email }}>
          Create an account
        </AnchorLink>
      </Text>
      <Text size="xs" c="dimmed">
        Trying it out? The demo logins are printed where the server was started.{' '}
        <Anchor href="/api/docs" size="xs">
          API documentation
        </Anchor>
      </Text>
    </PublicCard>
  );
}
