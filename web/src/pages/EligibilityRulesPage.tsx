/** The mentor eligibility rules of a program: each rule switched on or off, with its settings. */
import {
  Alert,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { INSURANCE_EXEMPTIONS } from '../../../src/core/enrolment/eligibility.ts';
import { errorMessage, isApiError } from '../api/client.ts';
import { enrolmentApi, enrolmentKeys, type EligibilityRulesDto } from '../api/enrolment.ts';
import { Page } from '../components/Page.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/eligibility');
const num = (value: string | number, fallback: number) => (typeof value === 'number' ? value : fallback);

function Rule({
  label,
  description,
  on,
  onToggle,
  readOnly,
  children,
}: {
  label: string;
  description: string;
  on: boolean;
  onToggle: (on: boolean) => void;
  readOnly: boolean;
  children?: ReactNode;
}) {
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Switch
          label={label}
          description={description}
          checked={on}
          disabled={readOnly}
          onChange={(event) => onToggle(event.currentTarget.checked)}
        />
        {on && children ? (
          <Stack gap="xs" pl="xl">
            {children}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function RulesForm({
  programId,
  initial,
  canEdit,
}: {
  programId: string;
  initial: EligibilityRulesDto;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const [rules, setRules] = useState<EligibilityRulesDto>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<EligibilityRulesDto>) => setRules((current) => ({ ...current, ...patch }));
  const errorOf = (key: string) =>
    Object.entries(errors).find(([path]) => path === key || path.startsWith(`${key}.`))?.[1];
  const readOnly = !canEdit;

  const save = async () => {
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const saved = await enrolmentApi.updateEligibilityRules(programId, rules);
      setRules(saved.rules);
      await queryClient.invalidateQueries({ queryKey: enrolmentKeys.rules(programId) });
      notifications.show({ color: 'green', message: 'The eligibility rules were saved.' });
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
        setFormError('Please correct the highlighted rules.');
      } else setFormError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md">
      <FormAlert message={formError} title="The rules were not saved" />
      {!canEdit ? (
        <Alert variant="light">Only the program&apos;s coordinators can change these rules.</Alert>
      ) : null}
      <Rule
        label="Minimum years admitted"
        description="Mentors must have been admitted to practice for at least this many years."
        on={rules.minimumYearsAdmitted != null}
        readOnly={readOnly}
        onToggle={(on) => set({ minimumYearsAdmitted: on ? 5 : null })}
      >
        <NumberInput
          label="Years"
          min={0}
          max={60}
          readOnly={readOnly}
          value={rules.minimumYearsAdmitted ?? 0}
          error={errorOf('minimumYearsAdmitted')}
          onChange={(value) => set({ minimumYearsAdmitted: num(value, 0) })}
        />
      </Rule>
      <Rule
        label="Good standing"
        description="Mentors confirm they are in good standing with every bar they are admitted to."
        on={rules.requireGoodStanding === true}
        readOnly={readOnly}
        onToggle={(on) => set({ requireGoodStanding: on })}
      />
      <Rule
        label="No public discipline"
        description="Mentors must not have been publicly disciplined (ever, or within a number of years)."
        on={rules.noDiscipline != null}
        readOnly={readOnly}
        onToggle={(on) => set({ noDiscipline: on ? { withinYears: null } : null })}
      >
        <NumberInput
          label="Within the last … years"
          description="Leave empty for never."
          min={1}
          max={60}
          readOnly={readOnly}
          value={rules.noDiscipline?.withinYears ?? ''}
          error={errorOf('noDiscipline')}
          onChange={(value) =>
            set({ noDiscipline: { withinYears: typeof value === 'number' ? value : null } })
          }
        />
      </Rule>
      <Rule
        label="No pending complaint"
        description="Mentors confirm no complaint against them is pending."
        on={rules.requireNoPendingComplaint === true}
        readOnly={readOnly}
        onToggle={(on) => set({ requireNoPendingComplaint: on })}
      />
      <Rule
        label="Professional liability insurance"
        description="Mentors carry at least this cover, unless an exemption applies."
        on={rules.insurance != null}
        readOnly={readOnly}
        onToggle={(on) =>
          set({
            insurance: on ? { minimumPerClaim: 100_000, minimumAggregate: 300_000, exemptions: [] } : null,
          })
        }
      >
        {rules.insurance ? (
          <>
            <Group grow>
              <NumberInput
                label="Minimum per claim"
                min={0}
                thousandSeparator=","
                readOnly={readOnly}
                value={rules.insurance.minimumPerClaim}
                error={errorOf('insurance.minimumPerClaim')}
                onChange={(value) =>
                  rules.insurance &&
                  set({ insurance: { ...rules.insurance, minimumPerClaim: num(value, 0) } })
                }
              />
              <NumberInput
                label="Minimum aggregate"
                min={0}
                thousandSeparator=","
                readOnly={readOnly}
                value={rules.insurance.minimumAggregate}
                error={errorOf('insurance.minimumAggregate')}
                onChange={(value) =>
                  rules.insurance &&
                  set({ insurance: { ...rules.insurance, minimumAggregate: num(value, 0) } })
                }
              />
            </Group>
            <MultiSelect
              label="Exemptions"
              description="Mentors in these positions need no insurance."
              data={INSURANCE_EXEMPTIONS.map((value) => ({ value, label: value.replace(/_/g, ' ') }))}
              readOnly={readOnly}
              value={rules.insurance.exemptions}
              error={errorOf('insurance.exemptions')}
              onChange={(value) =>
                rules.insurance &&
                set({
                  insurance: {
                    ...rules.insurance,
                    exemptions: value,
                  },
                })
              }
            />
          </>
        ) : null}
      </Rule>
      <Rule
        label="References"
        description="Mentors name references; a coordinator checks them."
        on={rules.references != null}
        readOnly={readOnly}
        onToggle={(on) => set({ references: on ? { count: 2, maxFromSameFirm: 1 } : null })}
      >
        {rules.references ? (
          <Group grow>
            <NumberInput
              label="How many"
              min={1}
              max={10}
              readOnly={readOnly}
              value={rules.references.count}
              error={errorOf('references.count')}
              onChange={(value) =>
                rules.references && set({ references: { ...rules.references, count: num(value, 1) } })
              }
            />
            <NumberInput
              label="At most from one firm"
              min={1}
              max={10}
              readOnly={readOnly}
              value={rules.references.maxFromSameFirm}
              error={errorOf('references.maxFromSameFirm')}
              onChange={(value) =>
                rules.references &&
                set({ references: { ...rules.references, maxFromSameFirm: num(value, 1) } })
              }
            />
          </Group>
        ) : null}
      </Rule>
      <Rule
        label="Training"
        description="Mentors have completed a training, recently enough."
        on={rules.training != null}
        readOnly={readOnly}
        onToggle={(on) => set({ training: on ? { name: '', validForMonths: null } : null })}
      >
        {rules.training ? (
          <Group grow align="start">
            <TextInput
              label="Training name"
              required
              readOnly={readOnly}
              value={rules.training.name}
              error={errorOf('training.name')}
              onChange={(event) =>
                rules.training && set({ training: { ...rules.training, name: event.currentTarget.value } })
              }
            />
            <NumberInput
              label="Valid for (months)"
              description="Leave empty: never expires."
              min={1}
              max={120}
              readOnly={readOnly}
              value={rules.training.validForMonths ?? ''}
              error={errorOf('training.validForMonths')}
              onChange={(value) =>
                rules.training &&
                set({
                  training: { ...rules.training, validForMonths: typeof value === 'number' ? value : null },
                })
              }
            />
          </Group>
        ) : null}
      </Rule>
      {canEdit ? (
        <Group>
          <Button loading={saving} onClick={() => void save()}>
            Save rules
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

export function EligibilityRulesPage() {
  const { programId } = route.useParams();
  const rules = useQuery({
    queryKey: enrolmentKeys.rules(programId),
    queryFn: () => enrolmentApi.eligibilityRules(programId),
  });
  return (
    <Page
      title="Mentor eligibility rules"
      description="What a mentor must meet to be approved. Mentors answer these questions when they apply; switch a rule off and it is not checked."
    >
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <>
          {Object.values(rules.data.rules).every((v) => v == null || v === false) ? (
            <Text size="sm" c="dimmed" mb="md">
              No rules yet: every mentor who applies is eligible. Switch on the rules your program needs.
            </Text>
          ) : null}
          <RulesForm programId={programId} initial={rules.data.rules} canEdit={rules.data.can.edit} />
        </>
      )}
    </Page>
  );
}
