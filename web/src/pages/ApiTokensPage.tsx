/** Personal API tokens for the CLI and scripts: create (shown once), see when each was used, revoke. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { apiTokensApi, type ApiTokenDto } from '../api/endpoints.ts';
import { apiTokensQuery, queryKeys } from '../api/queries.ts';
import { Page } from '../components/Page.tsx';
import { FormAlert } from '../components/QueryState.tsx';
import { TableHead } from '../components/TableHead.tsx';
import { applyServerError } from '../lib/form-errors.ts';
import { formatDate, formatDateTime } from '../lib/labels.ts';

const LABELS = { name: 'Name', expiresInDays: 'Expires' };
const EXPIRY_OPTIONS = [
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '366', label: 'In a year' },
  { value: 'never', label: 'Never' },
];
const STATUS_COLORS: Record<ApiTokenDto['status'], string> = {
  active: 'green',
  expired: 'orange',
  revoked: 'gray',
};

function NewTokenForm({ onCreated }: { onCreated: (secret: string, name: string) => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ mode: 'controlled', initialValues: { name: '', expiry: '90' } });
  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const created = await apiTokensApi.create({
        name: values.name,
        expiresInDays: values.expiry === 'never' ? null : Number(values.expiry),
      });
      form.reset();
      onCreated(created.secret, created.token.name);
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
    } catch (error) {
      setFormError(applyServerError(form, error, LABELS));
    }
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={handleSubmit} noValidate aria-labelledby="new-token-heading">
        <Stack gap="md">
          <Title order={2} size="h4" id="new-token-heading">
            New token
          </Title>
          <FormAlert message={formError} title="The token was not created" />
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput
              label="Name"
              description="What it is for, so you can tell your tokens apart"
              placeholder="CLI on my laptop"
              required
              style={{ flex: '1 1 260px' }}
              {...form.getInputProps('name')}
            />
            <Select
              label="Expires"
              data={EXPIRY_OPTIONS}
              allowDeselect={false}
              style={{ flex: '0 1 180px' }}
              {...form.getInputProps('expiry')}
            />
          </Group>
          <Group>
            <Button type="submit" loading={form.submitting}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function ApiTokensPage() {
  const queryClient = useQueryClient();
  const { data: tokens } = useSuspenseQuery(apiTokensQuery);
  const [created, setCreated] = useState<{ secret: string; name: string } | null>(null);
  const revoke = useMutation({
    mutationFn: (token: ApiTokenDto) => apiTokensApi.revoke(token.id),
    onSuccess: async (token) => {
      notifications.show({ color: 'green', message: `“${token.name}” was revoked; it no longer works.` });
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not revoked', message: errorMessage(error) }),
  });

  return (
    <Page
      title="API tokens"
      description="A personal API token lets the secondchair command-line tool and your scripts act as you, with exactly your rights. Treat it like a password."
    >
      <Stack gap="lg">
        {created ? (
          <Alert
            color="green"
            title={`Your new token “${created.name}”`}
            withCloseButton
            onClose={() => setCreated(null)}
          >
            <Stack gap="xs">
              <Text size="sm">Copy it now: it is shown only this once.</Text>
              <Group gap="xs" wrap="nowrap">
                <Code style={{ wordBreak: 'break-all' }} data-testid="new-api-token">
                  {created.secret}
                </Code>
                <CopyButton value={created.secret}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" onClick={copy}>
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="sm">
                Use it with <Code>secondchair login --url {window.location.origin} --token …</Code> or send it
                as <Code>Authorization: Bearer …</Code>.
              </Text>
            </Stack>
          </Alert>
        ) : null}
        <NewTokenForm onCreated={(secret, name) => setCreated({ secret, name })} />
        {tokens.length === 0 ? (
          <Text c="dimmed">You have no API tokens yet. Create one above to use the command-line tool.</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label="Your API tokens">
              <TableHead
                columns={['Name', 'Token', 'Created', 'Last used', 'Expires', 'Status']}
                hasActions
              />
              <Table.Tbody>
                {tokens.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{formatDate(token.createdAt)}</Table.Td>
                    <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Table.Td>
                    <Table.Td>{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[token.status]} variant="light">
                        {token.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {token.can.revoke ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          loading={revoke.isPending && revoke.variables?.id === token.id}
                          onClick={() => {
                            if (window.confirm(`Revoke “${token.name}”? Anything using it stops working.`))
                              revoke.mutate(token);
                          }}
                        >
                          Revoke
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Page>
  );
}
