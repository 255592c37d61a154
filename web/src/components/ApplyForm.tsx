/**
 * The application form as the applicant sees it: one input per question of a form version (built-in
 * questions with their matching inputs, custom questions by type), the mentor eligibility questions when
 * the program has rules, consent for sensitive answers, and server errors shown on the named field
 * (`answers.<questionId>`). The form builder renders it as a live preview (`preview`).
 */
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { INSURANCE_EXEMPTIONS, eligibilityQuestions } from '../../../src/core/enrolment/eligibility.ts';
import {
  AFFINITY_TOPICS,
  COMMUNICATION_STYLES,
  MEETING_FORMATS,
  WEEKDAYS,
} from '../../../src/core/matching/profile.ts';
import { errorMessage, isApiError } from '../api/client.ts';
import type {
  CatalogueEntryDto,
  EligibilityRulesDto,
  FormQuestionDto,
  ProgramRoleName,
} from '../api/enrolment.ts';
import { FormAlert } from './QueryState.tsx';
import { JurisdictionInput } from './JurisdictionInput.tsx';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

export type Answers = Record<string, unknown>;

export interface ApplyFormValues {
  answers: Answers;
  consents: string[];
  capacity: number | null;
}

export interface ApplyFormProps {
  role: ProgramRoleName;
  questions: FormQuestionDto[];
  catalogue: CatalogueEntryDto[];
  eligibilityRules?: EligibilityRulesDto | null;
  consentStatement?: string;
  initial?: Partial<ApplyFormValues>;
  submitLabel?: string;
  /** Render without submitting (the form builder's preview). */
  preview?: boolean;
  onSubmit?: (values: ApplyFormValues) => Promise<void>;
  onCancel?: () => void;
}

const words = (value: string) => value.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
const options = (values: readonly string[]) => values.map((value) => ({ value, label: words(value) }));
const LEVELS = [
  { value: '1', label: 'Foundational' },
  { value: '2', label: 'Developing' },
  { value: '3', label: 'Proficient' },
  { value: '4', label: 'Expert' },
];
const minutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const clock = (value: number) =>
  `${String(Math.floor(value / 60)).padStart(2, '0')}:${String(value % 60).padStart(2, '0')}`;

const asArray = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const asString = (value: unknown) => (typeof value === 'string' ? value : '');
const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function YesNo({
  label,
  description,
  value,
  onChange,
  error,
  required,
}: {
  label: ReactNode;
  description?: string;
  value: unknown;
  onChange: (value: boolean) => void;
  error?: ReactNode;
  required?: boolean;
}) {
  return (
    <Radio.Group
      label={label}
      description={description}
      error={error}
      required={required}
      value={value === true ? 'yes' : value === false ? 'no' : ''}
      onChange={(next) => onChange(next === 'yes')}
    >
      <Group mt="xs">
        <Radio value="yes" label="Yes" />
        <Radio value="no" label="No" />
      </Group>
    </Radio.Group>
  );
}

/** Drops answers that are empty, and sensitive answers given without consent. */
function cleanAnswers(values: ApplyFormValues, questions: FormQuestionDto[], sensitive: Set<string>) {
  const answers: Answers = {};
  for (const [key, value] of Object.entries(values.answers)) {
    if (value === undefined || value === null || value === '') continue;
    if (sensitive.has(key) && !values.consents.includes(key)) continue;
    if (!questions.some((q) => q.id === key) && key !== 'eligibility') continue;
    answers[key] = value;
  }
  return answers;
}

export function ApplyForm({
  role,
  questions,
  catalogue,
  eligibilityRules,
  consentStatement = 'I consent to this answer being stored and used for matching in this program.',
  initial,
  submitLabel = 'Submit application',
  preview = false,
  onSubmit,
  onCancel,
}: ApplyFormProps) {
  const [values, setValues] = useState<ApplyFormValues>({
    answers: initial?.answers ?? {},
    consents: initial?.consents ?? [],
    capacity: initial?.capacity ?? null,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const catalogueById = new Map(catalogue.map((entry) => [entry.id, entry]));
  const sensitive = new Set(
    questions
      .filter((q) => (q.kind === 'custom' ? q.isSensitive : catalogueById.get(q.id)?.isSensitive))
      .map((q) => q.id),
  );
  const set = (key: string, value: unknown) =>
    setValues((current) => ({ ...current, answers: { ...current.answers, [key]: value } }));
  const errorOf = (key: string) => {
    const found = Object.entries(errors).find(([path]) => path === key || path.startsWith(`${key}.`));
    return found?.[1];
  };
  const eligibility = asRecord(values.answers.eligibility);
  const setEligibility = (key: string, value: unknown) =>
    set('eligibility', { ...eligibility, [key]: value });
  const asked = role === 'mentor' && eligibilityRules ? eligibilityQuestions(eligibilityRules) : [];

  const consentBox = (id: string) => (
    <Checkbox
      label={consentStatement}
      checked={values.consents.includes(id)}
      onChange={(event) => {
        const checked = event.currentTarget.checked;
        setValues((current) => ({
          ...current,
          consents: checked ? [...current.consents, id] : current.consents.filter((c) => c !== id),
        }));
      }}
    />
  );

  const builtIn = (question: Extract<FormQuestionDto, { kind: 'built_in' }>) => {
    const info = catalogueById.get(question.id);
    const common = {
      label: info?.label[role] ?? words(question.id),
      description: info?.help || undefined,
      required: question.required,
      error: errorOf(`answers.${question.id}`),
    };
    const value = values.answers[question.id];
    switch (question.id) {
      case 'practice_areas':
      case 'career_goals':
      case 'languages':
        return (
          <TagsInput
            {...common}
            value={asArray<string>(value)}
            onChange={(next) => set(question.id, next)}
            placeholder="Type and press Enter"
          />
        );
      case 'skills': {
        const skills = asArray<{ id: string; level: number }>(value);
        return (
          <Stack gap={4}>
            <TagsInput
              {...common}
              value={skills.map((s) => s.id)}
              onChange={(ids) =>
                set(
                  question.id,
                  ids.map((id) => skills.find((s) => s.id === id) ?? { id, level: 2 }),
                )
              }
              placeholder="Type a skill and press Enter"
            />
            {skills.map((skill, index) => (
              <Group key={skill.id} gap="xs">
                <Text size="sm" w={200}>
                  {skill.id}
                </Text>
                <Select
                  aria-label={`Level of ${skill.id}`}
                  data={LEVELS}
                  value={String(skill.level)}
                  allowDeselect={false}
                  onChange={(level) =>
                    set(
                      question.id,
                      skills.map((s, i) => (i === index ? { ...s, level: Number(level) } : s)),
                    )
                  }
                />
              </Group>
            ))}
          </Stack>
        );
      }
      case 'years_of_practice':
        return (
          <NumberInput
            {...common}
            min={0}
            max={70}
            value={typeof value === 'number' ? value : ''}
            onChange={(next) => set(question.id, typeof next === 'number' ? next : undefined)}
          />
        );
      case 'admission_date':
        return (
          <TextInput
            {...common}
            type="date"
            value={asString(value)}
            onChange={(event) => set(question.id, event.currentTarget.value || null)}
          />
        );
      case 'jurisdictions_of_admission':
      case 'practice_jurisdictions':
        return (
          <JurisdictionInput
            label={common.label}
            description={common.description}
            error={common.error}
            value={asArray<string>(value)}
            onChange={(next) => set(question.id, next)}
          />
        );
      case 'location':
        return (
          <TextInput
            {...common}
            value={asString(value)}
            onChange={(event) => set(question.id, event.currentTarget.value)}
          />
        );
      case 'time_zone':
        return (
          <TimeZoneSelect
            {...common}
            value={asString(value) || null}
            onChange={(next) => set(question.id, next ?? undefined)}
          />
        );
      case 'availability': {
        const windows = asArray<{ day: string; startMinute: number; endMinute: number }>(value);
        const update = (index: number, patch: Partial<(typeof windows)[number]>) =>
          set(
            question.id,
            windows.map((w, i) => (i === index ? { ...w, ...patch } : w)),
          );
        return (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {common.label}
              {common.required ? ' *' : ''}
            </Text>
            {common.description ? (
              <Text size="xs" c="dimmed">
                {common.description}
              </Text>
            ) : null}
            {windows.length === 0 ? (
              <Text size="sm" c="dimmed">
                No times yet. Add the weekly times you are usually free.
              </Text>
            ) : null}
            {windows.map((window, index) => (
              <Group key={index} gap="xs" align="end">
                <Select
                  aria-label="Day"
                  data={options(WEEKDAYS)}
                  value={window.day}
                  allowDeselect={false}
                  onChange={(day) => update(index, { day: day ?? 'mon' })}
                  w={110}
                />
                <TextInput
                  aria-label="From"
                  type="time"
                  value={clock(window.startMinute)}
                  onChange={(event) => update(index, { startMinute: minutes(event.currentTarget.value) })}
                />
                <TextInput
                  aria-label="To"
                  type="time"
                  value={clock(window.endMinute)}
                  onChange={(event) => update(index, { endMinute: minutes(event.currentTarget.value) })}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label="Remove these times"
                  onClick={() =>
                    set(
                      question.id,
                      windows.filter((_, i) => i !== index),
                    )
                  }
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="default"
                onClick={() =>
                  set(question.id, [...windows, { day: 'mon', startMinute: 12 * 60, endMinute: 13 * 60 }])
                }
              >
                Add times
              </Button>
            </Group>
            {common.error ? (
              <Text size="xs" c="red">
                {common.error}
              </Text>
            ) : null}
          </Stack>
        );
      }
      case 'meeting_format':
      case 'communication_style':
        return (
          <Select
            {...common}
            data={options(question.id === 'meeting_format' ? MEETING_FORMATS : COMMUNICATION_STYLES)}
            value={asString(value) || null}
            onChange={(next) => set(question.id, next ?? undefined)}
            clearable
          />
        );
      case 'affinity': {
        const entries = asArray<{ topic: string; answer: boolean | string[] }>(value);
        const answerOf = (topic: string) => entries.find((e) => e.topic === topic)?.answer;
        const setTopic = (topic: string, answer: boolean | string[] | undefined) =>
          set(question.id, [
            ...entries.filter((e) => e.topic !== topic),
            ...(answer === undefined ? [] : [{ topic, answer }]),
          ]);
        return (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {common.label}
            </Text>
            {common.description ? (
              <Text size="xs" c="dimmed">
                {common.description}
              </Text>
            ) : null}
            {AFFINITY_TOPICS.map((topic) =>
              topic === 'identity-group' ? (
                <TagsInput
                  key={topic}
                  label={words(topic)}
                  value={asArray<string>(answerOf(topic))}
                  onChange={(next) => setTopic(topic, next.length ? next : undefined)}
                />
              ) : (
                <Checkbox
                  key={topic}
                  label={words(topic)}
                  checked={answerOf(topic) === true}
                  onChange={(event) => setTopic(topic, event.currentTarget.checked ? true : undefined)}
                />
              ),
            )}
            {common.error ? (
              <Text size="xs" c="red">
                {common.error}
              </Text>
            ) : null}
          </Stack>
        );
      }
    }
  };

  const custom = (question: Extract<FormQuestionDto, { kind: 'custom' }>) => {
    const common = {
      label: question.label,
      description: question.help || undefined,
      required: question.required,
      error: errorOf(`answers.${question.id}`),
    };
    const value = values.answers[question.id];
    switch (question.type) {
      case 'short_text':
        return (
          <TextInput
            {...common}
            value={asString(value)}
            onChange={(event) => set(question.id, event.currentTarget.value)}
          />
        );
      case 'long_text':
        return (
          <Textarea
            {...common}
            autosize
            minRows={3}
            value={asString(value)}
            onChange={(event) => set(question.id, event.currentTarget.value)}
          />
        );
      case 'single_choice':
        return (
          <Radio.Group {...common} value={asString(value)} onChange={(next) => set(question.id, next)}>
            <Stack gap={4} mt="xs">
              {question.options.map((option) => (
                <Radio key={option} value={option} label={option} />
              ))}
            </Stack>
          </Radio.Group>
        );
      case 'multiple_choice':
        return (
          <Checkbox.Group
            {...common}
            value={asArray<string>(value)}
            onChange={(next) => set(question.id, next)}
          >
            <Stack gap={4} mt="xs">
              {question.options.map((option) => (
                <Checkbox key={option} value={option} label={option} />
              ))}
            </Stack>
          </Checkbox.Group>
        );
      case 'scale': {
        const min = question.scale?.min ?? 1;
        const max = question.scale?.max ?? 5;
        return (
          <Radio.Group
            {...common}
            value={typeof value === 'number' ? String(value) : ''}
            onChange={(next) => set(question.id, Number(next))}
          >
            <Group mt="xs" gap="sm">
              {question.scale?.minLabel ? <Text size="xs">{question.scale.minLabel}</Text> : null}
              {Array.from({ length: max - min + 1 }, (_, i) => min + i).map((n) => (
                <Radio key={n} value={String(n)} label={String(n)} />
              ))}
              {question.scale?.maxLabel ? <Text size="xs">{question.scale.maxLabel}</Text> : null}
            </Group>
          </Radio.Group>
        );
      }
      case 'yes_no':
        return <YesNo {...common} value={value} onChange={(next) => set(question.id, next)} />;
    }
  };

  const eligibilityError = (key: string) => errorOf(`answers.eligibility.${key}`);
  const insurance = asRecord(eligibility.insurance);
  const references = asArray<{ name: string; email: string; firm: string }>(eligibility.references);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (preview || !onSubmit) return;
    setErrors({});
    setFormError(null);
    setSubmitting(true);
    try {
      await onSubmit({ ...values, answers: cleanAnswers(values, questions, sensitive) });
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        setErrors(Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message])));
        setFormError('Please correct the highlighted answers.');
      } else setFormError(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        <FormAlert message={formError} title="The application was not sent" />
        {questions.length === 0 ? <Alert variant="light">This form has no questions yet.</Alert> : null}
        {questions.map((question) => (
          <Stack key={question.id} gap={6}>
            {question.kind === 'built_in' ? builtIn(question) : custom(question)}
            {sensitive.has(question.id) ? consentBox(question.id) : null}
          </Stack>
        ))}
        {role === 'mentor' ? (
          <NumberInput
            label="How many mentees can you take on?"
            description="Leave empty for the program's default."
            min={1}
            max={20}
            value={values.capacity ?? ''}
            error={errorOf('capacity')}
            onChange={(next) =>
              setValues((current) => ({ ...current, capacity: typeof next === 'number' ? next : null }))
            }
          />
        ) : null}
        {asked.length > 0 ? (
          <Card withBorder padding="md" component="section" aria-labelledby="eligibility-heading">
            <Stack gap="sm">
              <Title order={3} size="h5" id="eligibility-heading">
                Mentor eligibility
              </Title>
              <Text size="sm" c="dimmed">
                This program checks these before a mentor is approved.
              </Text>
              {asked.includes('goodStanding') ? (
                <YesNo
                  label="I am in good standing with every bar I am admitted to"
                  required
                  value={eligibility.goodStanding}
                  error={eligibilityError('goodStanding')}
                  onChange={(next) => setEligibility('goodStanding', next)}
                />
              ) : null}
              {asked.includes('hasDiscipline') ? (
                <YesNo
                  label="Have you been publicly disciplined?"
                  required
                  value={eligibility.hasDiscipline}
                  error={eligibilityError('hasDiscipline')}
                  onChange={(next) => setEligibility('hasDiscipline', next)}
                />
              ) : null}
              {asked.includes('lastDisciplineYear') && eligibility.hasDiscipline === true ? (
                <NumberInput
                  label="Year of the most recent discipline"
                  min={1900}
                  max={2100}
                  value={
                    typeof eligibility.lastDisciplineYear === 'number' ? eligibility.lastDisciplineYear : ''
                  }
                  error={eligibilityError('lastDisciplineYear')}
                  onChange={(next) =>
                    setEligibility('lastDisciplineYear', typeof next === 'number' ? next : null)
                  }
                />
              ) : null}
              {asked.includes('hasPendingComplaint') ? (
                <YesNo
                  label="Is a complaint against you pending?"
                  required
                  value={eligibility.hasPendingComplaint}
                  error={eligibilityError('hasPendingComplaint')}
                  onChange={(next) => setEligibility('hasPendingComplaint', next)}
                />
              ) : null}
              {asked.includes('insurance') ? (
                <Stack gap="xs">
                  <Select
                    label="Professional liability insurance: exemption"
                    description="Leave empty if you are insured."
                    data={options(INSURANCE_EXEMPTIONS)}
                    clearable
                    value={asString(insurance.exemption) || null}
                    error={eligibilityError('insurance')}
                    onChange={(next) => setEligibility('insurance', { ...insurance, exemption: next })}
                  />
                  <TextInput
                    label="Insurance carrier"
                    value={asString(insurance.carrier)}
                    error={eligibilityError('insurance.carrier')}
                    onChange={(event) =>
                      setEligibility('insurance', {
                        exemption: null,
                        ...insurance,
                        carrier: event.currentTarget.value,
                      })
                    }
                  />
                  <Group grow>
                    {(['perClaim', 'aggregate'] as const).map((key) => (
                      <NumberInput
                        key={key}
                        label={key === 'perClaim' ? 'Cover per claim' : 'Aggregate cover'}
                        min={0}
                        thousandSeparator=","
                        value={typeof insurance[key] === 'number' ? insurance[key] : ''}
                        error={eligibilityError(`insurance.${key}`)}
                        onChange={(next) =>
                          setEligibility('insurance', {
                            exemption: null,
                            ...insurance,
                            [key]: typeof next === 'number' ? next : null,
                          })
                        }
                      />
                    ))}
                  </Group>
                </Stack>
              ) : null}
              {asked.includes('references') ? (
                <Stack gap="xs">
                  <Text size="sm" fw={500}>
                    References
                  </Text>
                  {references.map((reference, index) => (
                    <Group key={index} gap="xs" align="start" grow>
                      {(['name', 'email', 'firm'] as const).map((key) => (
                        <TextInput
                          key={key}
                          label={words(key)}
                          value={reference[key]}
                          error={eligibilityError(`references.${index}.${key}`)}
                          onChange={(event) => {
                            const text = event.currentTarget.value;
                            setEligibility(
                              'references',
                              references.map((r, i) => (i === index ? { ...r, [key]: text } : r)),
                            );
                          }}
                        />
                      ))}
                    </Group>
                  ))}
                  <Group>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        setEligibility('references', [...references, { name: '', email: '', firm: '' }])
                      }
                    >
                      Add a reference
                    </Button>
                  </Group>
                  {eligibilityError('references') ? (
                    <Text size="xs" c="red">
                      {eligibilityError('references')}
                    </Text>
                  ) : null}
                </Stack>
              ) : null}
              {asked.includes('trainingCompletedOn') ? (
                <TextInput
                  type="date"
                  label={`Date you completed ${eligibilityRules?.training?.name ?? 'the training'}`}
                  description="Leave empty if you have not completed it yet."
                  value={asString(eligibility.trainingCompletedOn)}
                  error={eligibilityError('trainingCompletedOn')}
                  onChange={(event) =>
                    setEligibility('trainingCompletedOn', event.currentTarget.value || null)
                  }
                />
              ) : null}
            </Stack>
          </Card>
        ) : null}
        {preview ? null : (
          <Group>
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
            {onCancel ? (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            ) : null}
          </Group>
        )}
      </Stack>
    </form>
  );
}
