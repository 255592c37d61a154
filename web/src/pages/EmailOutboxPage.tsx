/**
 * The development outbox, for platform admins: every email the installation sent or queued. Without
 * SMTP this is where password-reset, verification and invitation links are read.
 */
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { adminApi, type EmailSummaryDto } from '../api/endpoints.ts';
import { queryKeys } from '../api/queries.ts';
import { AnchorLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { TableHead } from '../components/TableHead.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';
import { formatDateTime } from '../lib/labels.ts';

const route = getRouteApi('/_app/admin/emails/');

export const EMAIL_STATUS_COLORS: Record<EmailSummaryDto['status'], string> = {
  queued: 'yellow',
  sent: 'green',
  failed: 'red',
};

export function EmailOutboxPage() {
  const search = route.useSearch();
  const navigate = useNavigate();
  const to = search.to ?? '';
  const [debouncedTo] = useDebouncedValue(to.trim(), 300);
  const isWide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const emails = useInfiniteQuery({
    queryKey: queryKeys.emails(debouncedTo),
    queryFn: ({ pageParam }) =>
      adminApi.findEmails({ to: debouncedTo || undefined, limit: 50, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
  const rows = emails.data?.pages.flatMap((page) => page.emails) ?? [];

  return (
    <Page
      title="Email outbox"
      description="Every email this installation queued, newest first. Without SMTP_URL nothing leaves the server: open a message here to follow its link."
      actions={
        <Button variant="default" onClick={() => void emails.refetch()} loading={emails.isRefetching}>
          Refresh
        </Button>
      }
    >
      <TextInput
        label="Recipient"
        placeholder="Filter by email address"
        type="search"
        value={to}
        onChange={(event) =>
          void navigate({
            to: '/admin/emails',
            search: { to: event.currentTarget.value || undefined },
            replace: true,
          })
        }
        maw={420}
      />
      {emails.isPending ? <Loading label="Loading emails…" /> : null}
      {emails.isError ? <LoadError error={emails.error} onRetry={() => void emails.refetch()} /> : null}
      {emails.isSuccess && rows.length === 0 ? (
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {debouncedTo
              ? `No email to ${debouncedTo}. Check the address, or clear the filter.`
              : 'No email yet. Sign-ups, password resets and invitations put their messages here.'}
          </Text>
        </Card>
      ) : null}
      {rows.length > 0 && isWide ? (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <TableHead columns={['Subject', 'Recipient', 'Status', 'Created']} />
            <Table.Tbody>
              {rows.map((email) => (
                <Table.Tr key={email.id}>
                  <Table.Td>
                    <AnchorLink to="/admin/emails/$emailId" params={{ emailId: email.id }} fw={500}>
                      {email.subject}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {email.to}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={EMAIL_STATUS_COLORS[email.status]} variant="light">
                      {email.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(email.createdAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {rows.length > 0 && !isWide ? (
        <Stack
          gap="sm"
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label="Emails"
        >
          {rows.map((email) => (
            <Card withBorder padding="md" key={email.id} component="li">
              <Stack gap={4}>
                <AnchorLink to="/admin/emails/$emailId" params={{ emailId: email.id }} fw={600}>
                  {email.subject}
                </AnchorLink>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {email.to}
                </Text>
                <Group gap="xs">
                  <Badge color={EMAIL_STATUS_COLORS[email.status]} variant="light">
                    {email.status}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(email.createdAt)}
                  </Text>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
      {emails.hasNextPage ? (
        <Group>
          <Button
            variant="default"
            onClick={() => void emails.fetchNextPage()}
            loading={emails.isFetchingNextPage}
          >
            Load older emails
          </Button>
        </Group>
      ) : null}
    </Page>
  );
}
