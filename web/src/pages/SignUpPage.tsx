import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { SignUpRequest } from '../../../src/contracts/auth.ts';
import { authApi } from '../api/endpoints.ts';
import { MailIcon } from '../components/Icons.tsx';
import { AnchorLink, ButtonLink } from '../components/Links.tsx';
import { PublicCard } from '../components/PublicLayout.tsx';
import { FormAlert } from '../components/QueryState.tsx';
import { applyServerError, zodValidate } from '../lib/form-errors.ts';
import { safeRedirect } from '../lib/safe-redirect.ts';

const route = getRouteApi('/_public/sign-up');
const LABELS = { name: 'Name', email: 'Email', password: 'Password' };

export function SignUpPage() {
  const search = route.useSearch();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', email: search.email ?? '', password: '' },
    validate: zodValidate(SignUpRequest, LABELS),
  });

  // The server answers the same whether or not the address has an account (so that nobody can find
  // out who has one); the email that follows says which. Hence one neutral outcome here.
  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await authApi.signUp({
        name: values.name.trim(),
        email: values.email,
        password: values.password,
        // The confirmation link signs in and lands where the person was going (an invitation ...).
        callbackURL: safeRedirect(search.redirect),
      });
      setSentTo(values.email.trim().toLowerCase());
    } catch (error) {
      setFormError(applyServerError(form, error, LABELS));
    }
  });

  if (sentTo) {
    return (
      <PublicCard title="Check your email" description="One more step to finish creating your account.">
        <Alert color="navy" variant="light" icon={<MailIcon />} role="status" title="A message is on its way">
          We sent a message to <strong>{sentTo}</strong>. Follow the link in it to confirm your address; the
          link signs you in. If this address already has an account, the message says so and how to get back
          in. Nothing arrived? Check your spam folder.
        </Alert>
        <Group justify="flex-end">
          <ButtonLink to="/sign-in" search={{ redirect: search.redirect, email: sentTo }} variant="default">
            Sign in
          </ButtonLink>
        </Group>
      </PublicCard>
    );
  }

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
