/** One outbox email: who it went to, whether it was delivered, and its text with working links. */
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Fragment } from 'react';
import { emailQuery } from '../api/queries.ts';
import { AnchorLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';
import { formatDateTime } from '../lib/labels.ts';
import { EMAIL_STATUS_COLORS } from './EmailOutboxPage.tsx';

const route = getRouteApi('/_app/admin/emails/$emailId');
const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/** The text with every http(s) URL as a link. */
function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <div className="email-text">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <Anchor key={index} href={part}>
            {part}
          </Anchor>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </div>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

export function EmailPage() {
  const { emailId } = route.useParams();
  const email = useQuery(emailQuery(emailId));

  return (
    <Page
      title={email.data?.subject ?? 'Email'}
      documentTitle={[email.data?.subject ?? 'Email', 'Email outbox']}
      actions={
        <Text size="sm">
          <AnchorLink to="/admin/emails" search={{}}>
            Back to the outbox
          </AnchorLink>
        </Text>
      }
    >
      {email.isPending ? <Loading label="Loading the email…" /> : null}
      {email.isError ? <LoadError error={email.error} onRetry={() => void email.refetch()} /> : null}
      {email.data ? (
        <>
          <Card withBorder padding="lg">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
              <Field label="To">
                <Text style={{ overflowWrap: 'anywhere' }}>{email.data.to}</Text>
              </Field>
              <Field label="Status">
                <Group gap="xs">
                  <Badge color={EMAIL_STATUS_COLORS[email.data.status]} variant="light">
                    {email.data.status}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    via {email.data.transport === 'smtp' ? 'SMTP' : 'the development outbox'}
                    {email.data.attempts > 1 ? `, ${email.data.attempts} attempts` : ''}
                  </Text>
                </Group>
              </Field>
              <Field label="Template">
                <Text>{email.data.template}</Text>
              </Field>
              <Field label="Created">
                <Text>{formatDateTime(email.data.createdAt)}</Text>
              </Field>
              <Field label="Sent">
                <Text c={email.data.sentAt ? undefined : 'dimmed'}>
                  {email.data.sentAt ? formatDateTime(email.data.sentAt) : 'Not yet'}
                </Text>
              </Field>
            </SimpleGrid>
            {email.data.lastError ? (
              <Text size="sm" c="red.8" mt="md">
                Last error: {email.data.lastError}
              </Text>
            ) : null}
          </Card>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="sm">
              Message
            </Title>
            <LinkifiedText text={email.data.text} />
          </Card>
        </>
      ) : null}
    </Page>
  );
}
