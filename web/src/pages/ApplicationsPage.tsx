/**
 * The review queue of a program: counts per status, filters, search, paging, bulk decisions, and a
 * drawer with one application's answers, eligibility table, decision buttons and audit trail.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { BUILT_IN_CATALOGUE } from '../../../src/contracts/enrolment.ts';
import { APPLICATION_STATUSES } from '../../../src/core/programs/vocabulary.ts';
import { errorMessage, isApiError } from '../api/client.ts';
import {
  applicationQuery,
  DECISION_LABELS,
  enrolmentApi,
  enrolmentKeys,
  STATUS_LABELS,
  type ApplicationDetailDto,
  type DecisionName,
  type FindApplicationsFilters,
} from '../api/enrolment.ts';
import { programOverviewQuery } from '../api/queries.ts';
import { Page } from '../components/Page.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';
import { STATUS_COLORS } from './MyApplicationsPage.tsx';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/applications');
const PAGE_SIZE = 25;
const ELIGIBILITY_LABELS = { eligible: 'Eligible', pending: 'Needs review', ineligible: 'Not eligible' };
const OUTCOME = { pass: ['green', 'Pass'], fail: ['red', 'Fail'], needs_review: ['yellow', 'Needs review'] };

/** Asks for the message a decision sends, and sends it. */
function DecisionDialog({
  decision,
  count,
  onClose,
  onDecide,
}: {
  decision: DecisionName | null;
  count: number;
  onClose: () => void;
  onDecide: (decision: DecisionName, message: string) => Promise<void>;
}) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const needsMessage = decision === 'reject' || decision === 'request_changes';
  return (
    <Modal
      opened={decision !== null}
      onClose={onClose}
      title={decision ? `${DECISION_LABELS[decision]}: ${count} application${count === 1 ? '' : 's'}` : ''}
      centered
    >
      <Stack gap="md">
        <FormAlert message={error} title="Nothing was decided" />
        <Textarea
          label="Message to the applicant"
          description={
            needsMessage ? 'Needed: tell the applicant why.' : 'Optional; it is sent with the decision email.'
          }
          required={needsMessage}
          autosize
          minRows={3}
          value={message}
          error={fieldError}
          onChange={(event) => setMessage(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={sending}
            onClick={() => {
              if (!decision) return;
              setSending(true);
              setError(null);
              setFieldError(null);
              onDecide(decision, message)
                .then(() => {
                  setMessage('');
                  onClose();
                })
                .catch((caught: unknown) => {
                  const issue = isApiError(caught)
                    ? caught.issues.find((i) => i.path === 'message')
                    : undefined;
                  if (issue) setFieldError(issue.message);
                  else setError(errorMessage(caught));
                })
                .finally(() => setSending(false));
            }}
          >
            {decision ? DECISION_LABELS[decision] : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function answerText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value))
    return value
      .map((item) =>
        item && typeof item === 'object'
          ? Object.values(item as Record<string, unknown>).join(' ')
          : String(item),
      )
      .join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '—';
}

function RuleReview({
  applicationId,
  ruleId,
  onDone,
}: {
  applicationId: string;
  ruleId: Parameters<typeof enrolmentApi.reviewRule>[1];
  onDone: () => Promise<void>;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const review = (outcome: 'pass' | 'fail') => {
    setBusy(true);
    setError(null);
    enrolmentApi
      .reviewRule(applicationId, ruleId, { outcome, note })
      .then(onDone)
      .catch((caught: unknown) => {
        const issue = isApiError(caught) ? caught.issues.find((i) => i.path === 'note') : undefined;
        setError(issue ? issue.message : errorMessage(caught));
      })
      .finally(() => setBusy(false));
  };
  return (
    <Stack gap={4}>
      <TextInput
        size="xs"
        aria-label="What you checked"
        placeholder="What you checked"
        value={note}
        error={error}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      <Group gap={4}>
        <Button size="compact-xs" color="green" loading={busy} onClick={() => review('pass')}>
          Pass
        </Button>
        <Button size="compact-xs" color="red" loading={busy} onClick={() => review('fail')}>
          Fail
        </Button>
      </Group>
    </Stack>
  );
}

function ApplicationDetail({
  detail,
  onChanged,
}: {
  detail: ApplicationDetailDto;
  onChanged: () => Promise<void>;
}) {
  const { application, questions, events } = detail;
  const [decision, setDecision] = useState<DecisionName | null>(null);
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Stack gap={0}>
          <Text fw={500}>{application.applicant.name}</Text>
          <Text size="sm" c="dimmed">
            {application.applicant.email} · {application.role} · {application.cohortName}
          </Text>
        </Stack>
        <Badge color={STATUS_COLORS[application.status]}>{STATUS_LABELS[application.status]}</Badge>
      </Group>
      {application.can.decide.length > 0 ? (
        <Group gap="xs">
          {application.can.decide.map((d) => (
            <Button
              key={d}
              size="xs"
              variant={d === 'approve' ? 'filled' : 'default'}
              onClick={() => setDecision(d)}
            >
              {DECISION_LABELS[d]}
            </Button>
          ))}
        </Group>
      ) : null}
      {application.decisionMessage ? (
        <Alert variant="light" title="Last message to the applicant">
          {application.decisionMessage}
        </Alert>
      ) : null}
      <Stack gap="xs" component="section">
        <Title order={3} size="h5">
          Answers (form version {application.formVersion})
        </Title>
        <Table>
          <Table.Tbody>
            {questions.map((question) => (
              <Table.Tr key={question.id}>
                <Table.Th w="40%">
                  {question.kind === 'custom'
                    ? question.label
                    : (BUILT_IN_CATALOGUE.find((c) => c.id === question.id)?.label[application.role] ??
                      question.id)}
                </Table.Th>
                <Table.Td>{answerText(application.answers[question.id])}</Table.Td>
              </Table.Tr>
            ))}
            {application.capacity !== null ? (
              <Table.Tr>
                <Table.Th>Capacity</Table.Th>
                <Table.Td>{application.capacity}</Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Stack>
      {application.eligibility ? (
        <Stack gap="xs" component="section">
          <Title order={3} size="h5">
            Eligibility: {ELIGIBILITY_LABELS[application.eligibility.status]}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {application.eligibility.rules.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Td>{rule.label}</Table.Td>
                  <Table.Td>
                    <Badge color={OUTCOME[rule.outcome][0]}>{OUTCOME[rule.outcome][1]}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm">{rule.reason}</Text>
                      {rule.reviewNote ? (
                        <Text size="xs" c="dimmed">
                          Reviewed by {rule.reviewedBy ?? 'a coordinator'}
                          {rule.reviewedAt
                            ? ` on ${new Date(rule.reviewedAt).toLocaleDateString()}`
                            : ''}: {rule.reviewNote}
                        </Text>
                      ) : null}
                      {rule.outcome === 'needs_review' && application.can.reviewEligibility ? (
                        <RuleReview applicationId={application.id} ruleId={rule.id} onDone={onChanged} />
                      ) : null}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
      <Stack gap="xs" component="section">
        <Title order={3} size="h5">
          History
        </Title>
        {events.map((event) => (
          <Text key={event.id} size="sm">
            {new Date(event.createdAt).toLocaleString()} · {event.actor?.name ?? 'System'} ·{' '}
            {event.action.replace(/_/g, ' ')}
            {event.toStatus ? ` → ${STATUS_LABELS[event.toStatus]}` : ''}
            {event.message ? ` — “${event.message}”` : ''}
          </Text>
        ))}
      </Stack>
      <DecisionDialog
        decision={decision}
        count={1}
        onClose={() => setDecision(null)}
        onDecide={async (d, message) => {
          await enrolmentApi.decide(application.id, { decision: d, message });
          notifications.show({ color: 'green', message: `${DECISION_LABELS[d]}: done.` });
          await onChanged();
        }}
      />
    </Stack>
  );
}

export function ApplicationsPage() {
  const { programId } = route.useParams();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<FindApplicationsFilters>({ page: 1, pageSize: PAGE_SIZE });
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<DecisionName | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const overview = useQuery(programOverviewQuery(programId));
  const queue = useQuery({
    queryKey: [...enrolmentKeys.queue(programId), filters],
    queryFn: () => enrolmentApi.find(programId, filters),
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({ ...applicationQuery(openId ?? ''), enabled: openId !== null });
  const setFilter = (patch: Partial<FindApplicationsFilters>) => {
    setSelected([]);
    setFilters((current) => ({ ...current, ...patch, page: patch.page ?? 1 }));
  };
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: enrolmentKeys.queue(programId) });
    if (openId) await queryClient.invalidateQueries({ queryKey: enrolmentKeys.application(openId) });
  };
  const cohorts = overview.data?.cohorts.map((c) => ({ value: c.id, label: c.name })) ?? [];
  const rows = queue.data?.applications ?? [];
  const allChecked = rows.length > 0 && rows.every((r) => selected.includes(r.id));
  const total = Object.values(queue.data?.counts ?? {}).reduce((sum, n) => sum + (n ?? 0), 0);

  return (
    <Page
      title="Applications"
      documentTitle={['Applications', overview.data?.program.name]}
      description="Review who applied, check mentor eligibility, and decide."
    >
      <Stack gap="md">
        <Tabs
          value={filters.status ?? 'all'}
          onChange={(value) =>
            setFilter({
              status: value === 'all' || !value ? undefined : (value as FindApplicationsFilters['status']),
            })
          }
        >
          <Tabs.List>
            <Tabs.Tab
              value="all"
              rightSection={
                <Badge size="sm" variant="light">
                  {total}
                </Badge>
              }
            >
              All
            </Tabs.Tab>
            {APPLICATION_STATUSES.map((status) => (
              <Tabs.Tab
                key={status}
                value={status}
                rightSection={
                  <Badge size="sm" variant="light" color={STATUS_COLORS[status]}>
                    {queue.data?.counts[status] ?? 0}
                  </Badge>
                }
              >
                {STATUS_LABELS[status]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Group align="end">
          <TextInput
            label="Search"
            placeholder="Name or email"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') setFilter({ q: search.trim() || undefined });
            }}
            onBlur={() => setFilter({ q: search.trim() || undefined })}
          />
          <Select
            label="Cohort"
            placeholder="Any"
            clearable
            data={cohorts}
            value={filters.cohortId ?? null}
            onChange={(value) => setFilter({ cohortId: value ?? undefined })}
          />
          <Select
            label="Role"
            placeholder="Any"
            clearable
            data={[
              { value: 'mentee', label: 'Mentee' },
              { value: 'mentor', label: 'Mentor' },
            ]}
            value={filters.role ?? null}
            onChange={(value) => setFilter({ role: value ?? undefined })}
          />
          <Select
            label="Eligibility"
            placeholder="Any"
            clearable
            data={Object.entries(ELIGIBILITY_LABELS).map(([value, label]) => ({ value, label }))}
            value={filters.eligibility ?? null}
            onChange={(value) =>
              setFilter({ eligibility: (value ?? undefined) as FindApplicationsFilters['eligibility'] })
            }
          />
        </Group>
        {selected.length > 0 ? (
          <Group gap="xs">
            <Text size="sm">{selected.length} selected:</Text>
            {(['approve', 'reject', 'waitlist', 'request_changes'] as const).map((d) => (
              <Button key={d} size="xs" variant="default" onClick={() => setBulk(d)}>
                {DECISION_LABELS[d]}
              </Button>
            ))}
          </Group>
        ) : null}
        {queue.isPending ? (
          <Loading />
        ) : queue.isError ? (
          <LoadError error={queue.error} onRetry={() => void queue.refetch()} />
        ) : rows.length === 0 ? (
          <Alert variant="light" title="No applications here">
            {total === 0 && !filters.q && !filters.cohortId && !filters.role && !filters.eligibility
              ? 'Nobody has applied yet. Publish an application form and open enrolment, then share the program or its sign-up link.'
              : 'No application matches these filters. Clear a filter or the search to see more.'}
          </Alert>
        ) : (
          <>
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label="Select all on this page"
                      checked={allChecked}
                      indeterminate={!allChecked && rows.some((r) => selected.includes(r.id))}
                      onChange={() => setSelected(allChecked ? [] : rows.map((r) => r.id))}
                    />
                  </Table.Th>
                  <Table.Th>Applicant</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Cohort</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Eligibility</Table.Th>
                  <Table.Th>Sent</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Select ${row.applicant.name}`}
                        checked={selected.includes(row.id)}
                        onChange={(event) => {
                          const checked = event.currentTarget.checked;
                          setSelected((current) =>
                            checked ? [...current, row.id] : current.filter((id) => id !== row.id),
                          );
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setOpenId(row.id)}>
                        {row.applicant.name}
                      </Button>
                      <Text size="xs" c="dimmed">
                        {row.applicant.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{row.role}</Table.Td>
                    <Table.Td>{row.cohortName}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[row.status]}>{STATUS_LABELS[row.status]}</Badge>
                    </Table.Td>
                    <Table.Td>
                      {row.eligibilityStatus ? ELIGIBILITY_LABELS[row.eligibilityStatus] : '—'}
                    </Table.Td>
                    <Table.Td>{new Date(row.submittedAt).toLocaleDateString()}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {queue.data.total > queue.data.pageSize ? (
              <Pagination
                total={Math.ceil(queue.data.total / queue.data.pageSize)}
                value={queue.data.page}
                onChange={(page) => setFilter({ page })}
              />
            ) : null}
          </>
        )}
      </Stack>
      <DecisionDialog
        decision={bulk}
        count={selected.length}
        onClose={() => setBulk(null)}
        onDecide={async (decision, message) => {
          const decided = await enrolmentApi.decideMany(programId, {
            applicationIds: selected,
            decision,
            message,
          });
          notifications.show({
            color: 'green',
            message: `${DECISION_LABELS[decision]}: ${decided.length} done.`,
          });
          setSelected([]);
          await refresh();
        }}
      />
      <Drawer
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        position="right"
        size="xl"
        title="Application"
      >
        {detail.isPending ? (
          <Loading />
        ) : detail.isError ? (
          <LoadError error={detail.error} />
        ) : (
          <ApplicationDetail detail={detail.data} onChanged={refresh} />
        )}
      </Drawer>
    </Page>
  );
}
