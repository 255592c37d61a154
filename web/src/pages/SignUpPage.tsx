import { Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { SignUpRequest } from '../../../src/contracts/auth.ts';
import { isApiError } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { AnchorLink } from '../components/Links.tsx';
import { PublicCard } from '../components/PublicLayout.tsx';
import { FormAlert } from '../components/QueryState.tsx';
import { applyServerError, zodValidate } from '../lib/form-errors.ts';
import { safeRedirect } from '../lib/safe-redirect.ts';
import { startSession } from '../session.ts';

const route = getRouteApi('/_public/sign-up');
const LABELS = { name: 'Name', email: 'Email', password: 'Password' };

export function SignUpPage() {
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', email: search.email ?? '', password: '' },
    validate: zodValidate(SignUpRequest, LABELS),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const { user } = await authApi.signUp({
        name: values.name.trim(),
        email: values.email,
        password: values.password,
        callbackURL: '/',
      });
      startSession(queryClient, user);
      router.history.push(safeRedirect(search.redirect));
    } catch (error) {
      if (isApiError(error, 'CONFLICT')) {
        // The address has an account already: say so where the address is, and offer the way in.
        form.setFieldError(
          'email',
          'There is already an account with this email. Sign in, or reset its password.',
        );
        setFormError(null);
        return;
      }
      setFormError(applyServerError(form, error, LABELS));
    }
  });

  return (
    <PublicCard
      title="Create your account"
      description="One account works for every organization you belong to."
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} title="Your account was not created" />
          <TextInput
            label="Full name"
            autoComplete="name"
            required
            autoFocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            description={search.email ? 'The address your invitation was sent to' : undefined}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            required
            description="At least 10 characters. A short sentence is easy to remember and hard to guess."
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Create account
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">
        Already have an account?{' '}
        <AnchorLink to="/sign-in" search={{ redirect: search.redirect, email: search.email }}>
          Sign in
        </AnchorLink>
      </Text>
    </PublicCard>
  );
}
