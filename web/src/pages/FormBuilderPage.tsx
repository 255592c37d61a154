/**
 * The application form builder, per role: choose built-in questions, add, reorder and remove custom
 * ones, save a new version, and see the form as the applicant will (a live preview).
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Tabs,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { CUSTOM_QUESTION_TYPES } from '../../../src/core/enrolment/form.ts';
import { errorMessage, isApiError } from '../api/client.ts';
import {
  enrolmentApi,
  enrolmentKeys,
  formsQuery,
  type ApplicationFormsDto,
  type FormQuestionDto,
  type ProgramRoleName,
} from '../api/enrolment.ts';
import { ApplyForm } from '../components/ApplyForm.tsx';
import { AnchorLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/forms');

type CustomQuestion = Extract<FormQuestionDto, { kind: 'custom' }>;

const TYPE_LABELS: Record<CustomQuestion['type'], string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  single_choice: 'One choice',
  multiple_choice: 'Several choices',
  scale: 'Scale',
  yes_no: 'Yes or no',
};

function newCustom(existing: FormQuestionDto[]): CustomQuestion {
  let n = existing.length + 1;
  while (existing.some((q) => q.id === `question_${n}`)) n += 1;
  return {
    kind: 'custom',
    id: `question_${n}`,
    type: 'short_text',
    label: '',
    help: '',
    required: false,
    options: [],
    scale: null,
    isSensitive: false,
  };
}

function RoleForm({
  programId,
  role,
  data,
}: {
  programId: string;
  role: ProgramRoleName;
  data: ApplicationFormsDto;
}) {
  const queryClient = useQueryClient();
  const saved = data.forms[role];
  // Questions the program's settings demand (the employer under an inside/outside rule) start ticked
  // and required; the coordinator cannot untick them.
  const demanded = new Map(data.requirements.map((requirement) => [requirement.id, requirement.reason]));
  const [questions, setQuestions] = useState<FormQuestionDto[]>(() => {
    const initial = (saved?.questions ?? []).map((q) =>
      q.kind === 'built_in' && demanded.has(q.id) ? { ...q, required: true } : q,
    );
    for (const id of demanded.keys()) {
      if (!initial.some((q) => q.kind === 'built_in' && q.id === id))
        initial.push({ kind: 'built_in', id, required: true });
    }
    return initial;
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const readOnly = !data.can.edit;

  const errorOf = (path: string) => errors[path];
  const update = (index: number, patch: Partial<CustomQuestion>) =>
    setQuestions((current) =>
      current.map((q, i) => (i === index && q.kind === 'custom' ? { ...q, ...patch } : q)),
    );
  const move = (index: number, by: number) =>
    setQuestions((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  const toggleBuiltIn = (id: FormQuestionDto['id'], on: boolean) =>
    setQuestions((current) =>
      on
        ? [...current, { kind: 'built_in', id, required: false } as FormQuestionDto]
        : current.filter((q) => !(q.kind === 'built_in' && q.id === id)),
    );

  const save = async () => {
    setErrors({});
    setFormError(null);
    setSaving(true);
    try {
      const form = await enrolmentApi.saveForm(programId, role, { questions });
      await queryClient.invalidateQueries({ queryKey: enrolmentKeys.forms(programId) });
      notifications.show({
        color: 'green',
        message: `Version ${form.version} of the ${role} form was saved.`,
      });
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
        setFormError('Please correct the highlighted questions.');
      } else setFormError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {saved
              ? `Version ${saved.version}, saved ${new Date(saved.createdAt).toLocaleString()}. Saving makes a new version; applications keep the version they answered.`
              : `No ${role} form yet. Choose the questions below and save to open applications for ${role}s.`}
          </Text>
          <FormAlert message={formError} title="The form was not saved" />
          <Card withBorder padding="md" component="section" aria-labelledby={`${role}-built-in`}>
            <Stack gap="xs">
              <Title order={3} size="h5" id={`${role}-built-in`}>
                Built-in questions
              </Title>
              <Text size="xs" c="dimmed">
                These feed matching. Some are prefilled from the applicant&apos;s profile.
              </Text>
              {data.catalogue.map((entry) => {
                const index = questions.findIndex((q) => q.kind === 'built_in' && q.id === entry.id);
                const question = questions[index];
                const demandedBecause = demanded.get(entry.id);
                return (
                  <Group key={entry.id} justify="space-between" wrap="nowrap">
                    <Checkbox
                      label={entry.label[role]}
                      description={
                        demandedBecause
                          ? `${entry.help} Required on both forms: ${demandedBecause}.`
                          : entry.help
                      }
                      checked={index >= 0}
                      disabled={readOnly || demandedBecause !== undefined}
                      onChange={(event) => toggleBuiltIn(entry.id, event.currentTarget.checked)}
                    />
                    <Group gap={4} wrap="nowrap">
                      {entry.isSensitive ? <Badge color="grape">Sensitive</Badge> : null}
                      {entry.prefillsFromProfile ? <Badge variant="light">Prefilled</Badge> : null}
                      {question && !entry.isSensitive ? (
                        <Checkbox
                          size="xs"
                          label="Required"
                          checked={question.required}
                          disabled={readOnly || demandedBecause !== undefined}
                          onChange={(event) => {
                            const required = event.currentTarget.checked;
                            setQuestions((current) =>
                              current.map((q, i) => (i === index ? { ...q, required } : q)),
                            );
                          }}
                        />
                      ) : null}
                    </Group>
                  </Group>
                );
              })}
            </Stack>
          </Card>
          <Card withBorder padding="md" component="section" aria-labelledby={`${role}-order`}>
            <Stack gap="sm">
              <Title order={3} size="h5" id={`${role}-order`}>
                Questions in order
              </Title>
              {questions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No questions yet. Tick built-in questions above or add your own below.
                </Text>
              ) : null}
              {questions.map((question, index) => (
                <Card key={`${question.kind}-${question.id}`} withBorder padding="sm">
                  <Stack gap="xs">
                    <Group justify="space-between" wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {index + 1}.{' '}
                        {question.kind === 'built_in'
                          ? (data.catalogue.find((c) => c.id === question.id)?.label[role] ?? question.id)
                          : question.label || 'New question'}
                      </Text>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label="Move up"
                          disabled={readOnly || index === 0}
                          onClick={() => move(index, -1)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          aria-label="Move down"
                          disabled={readOnly || index === questions.length - 1}
                          onClick={() => move(index, 1)}
                        >
                          ↓
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label="Remove"
                          disabled={readOnly}
                          onClick={() => setQuestions((current) => current.filter((_, i) => i !== index))}
                        >
                          ×
                        </ActionIcon>
                      </Group>
                    </Group>
                    {errorOf(`questions.${index}`) ? (
                      <Text size="xs" c="red">
                        {errorOf(`questions.${index}`)}
                      </Text>
                    ) : null}
                    {question.kind === 'custom' ? (
                      <CustomFields
                        question={question}
                        readOnly={readOnly}
                        errorOf={(field) => errorOf(`questions.${index}.${field}`)}
                        onChange={(patch) => update(index, patch)}
                      />
                    ) : null}
                  </Stack>
                </Card>
              ))}
              {errorOf('questions') ? (
                <Text size="xs" c="red">
                  {errorOf('questions')}
                </Text>
              ) : null}
              <Group>
                <Button
                  variant="default"
                  disabled={readOnly}
                  onClick={() => setQuestions((current) => [...current, newCustom(current)])}
                >
                  Add a question
                </Button>
                <Button onClick={() => void save()} loading={saving} disabled={readOnly}>
                  Save as version {(saved?.version ?? 0) + 1}
                </Button>
              </Group>
            </Stack>
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder padding="md" component="section" aria-labelledby={`${role}-preview`}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3} size="h5" id={`${role}-preview`}>
                Preview
              </Title>
              <Badge variant="light">As the applicant sees it</Badge>
            </Group>
            <ApplyForm role={role} questions={questions} catalogue={data.catalogue} preview />
          </Stack>
        </Card>
      </Grid.Col>
    </Grid>
  );
}

function CustomFields({
  question,
  readOnly,
  errorOf,
  onChange,
}: {
  question: CustomQuestion;
  readOnly: boolean;
  errorOf: (field: string) => string | undefined;
  onChange: (patch: Partial<CustomQuestion>) => void;
}) {
  const isChoice = question.type === 'single_choice' || question.type === 'multiple_choice';
  return (
    <Stack gap="xs">
      <Group grow align="start">
        <Select
          label="Type"
          data={CUSTOM_QUESTION_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] }))}
          value={question.type}
          allowDeselect={false}
          readOnly={readOnly}
          error={errorOf('type')}
          onChange={(type) =>
            onChange({
              type: type ?? 'short_text',
              scale:
                type === 'scale' ? (question.scale ?? { min: 1, max: 5, minLabel: '', maxLabel: '' }) : null,
            })
          }
        />
        <TextInput
          label="Id"
          description="snake_case, unique"
          value={question.id}
          readOnly={readOnly}
          error={errorOf('id')}
          onChange={(event) => onChange({ id: event.currentTarget.value })}
        />
      </Group>
      <TextInput
        label="Question"
        required
        value={question.label}
        readOnly={readOnly}
        error={errorOf('label')}
        onChange={(event) => onChange({ label: event.currentTarget.value })}
      />
      <Textarea
        label="Help text"
        autosize
        value={question.help}
        readOnly={readOnly}
        error={errorOf('help')}
        onChange={(event) => onChange({ help: event.currentTarget.value })}
      />
      {isChoice ? (
        <TagsInput
          label="Choices"
          description="Type a choice and press Enter"
          value={question.options}
          readOnly={readOnly}
          error={errorOf('options')}
          onChange={(options) => onChange({ options })}
        />
      ) : null}
      {question.type === 'scale' && question.scale ? (
        <Group grow align="start">
          <NumberInput
            label="From"
            value={question.scale.min}
            readOnly={readOnly}
            error={errorOf('scale.min') ?? errorOf('scale')}
            onChange={(min) => question.scale && onChange({ scale: { ...question.scale, min: Number(min) } })}
          />
          <NumberInput
            label="To"
            value={question.scale.max}
            readOnly={readOnly}
            error={errorOf('scale.max')}
            onChange={(max) => question.scale && onChange({ scale: { ...question.scale, max: Number(max) } })}
          />
          <TextInput
            label="Low end label"
            value={question.scale.minLabel}
            readOnly={readOnly}
            onChange={(event) =>
              question.scale &&
              onChange({ scale: { ...question.scale, minLabel: event.currentTarget.value } })
            }
          />
          <TextInput
            label="High end label"
            value={question.scale.maxLabel}
            readOnly={readOnly}
            onChange={(event) =>
              question.scale &&
              onChange({ scale: { ...question.scale, maxLabel: event.currentTarget.value } })
            }
          />
        </Group>
      ) : null}
      <Group>
        <Checkbox
          label="Required"
          checked={question.required}
          disabled={readOnly || question.isSensitive}
          error={errorOf('required')}
          onChange={(event) => onChange({ required: event.currentTarget.checked })}
        />
        <Checkbox
          label="Sensitive (answered only with consent; never required)"
          checked={question.isSensitive}
          disabled={readOnly}
          error={errorOf('isSensitive')}
          onChange={(event) =>
            onChange({
              isSensitive: event.currentTarget.checked,
              required: event.currentTarget.checked ? false : question.required,
            })
          }
        />
      </Group>
    </Stack>
  );
}

export function FormBuilderPage() {
  const { organizationId, programId } = route.useParams();
  const forms = useQuery(formsQuery(programId));
  const [tab, setTab] = useState<string | null>('mentee');
  return (
    <Page
      title="Application forms"
      description={
        <>
          What mentees and mentors answer when they apply.{' '}
          <AnchorLink
            to="/o/$organizationId/programs/$programId/eligibility"
            params={{ organizationId, programId }}
          >
            Mentor eligibility rules
          </AnchorLink>{' '}
          add their own questions for mentors.
        </>
      }
    >
      {forms.isPending ? (
        <Loading />
      ) : forms.isError ? (
        <LoadError error={forms.error} onRetry={() => void forms.refetch()} />
      ) : (
        <Stack gap="md">
          {!forms.data.can.edit ? (
            <Alert variant="light">
              You can see these forms but only the program&apos;s coordinators can change them.
            </Alert>
          ) : null}
          <Tabs value={tab} onChange={setTab}>
            <Tabs.List>
              <Tabs.Tab value="mentee">
                Mentee form {forms.data.forms.mentee ? `(v${forms.data.forms.mentee.version})` : ''}
              </Tabs.Tab>
              <Tabs.Tab value="mentor">
                Mentor form {forms.data.forms.mentor ? `(v${forms.data.forms.mentor.version})` : ''}
              </Tabs.Tab>
            </Tabs.List>
            {(['mentee', 'mentor'] as const).map((role) => (
              <Tabs.Panel key={role} value={role} pt="md">
                <RoleForm
                  key={forms.data.forms[role]?.id ?? 'new'}
                  programId={programId}
                  role={role}
                  data={forms.data}
                />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Stack>
      )}
    </Page>
  );
}
