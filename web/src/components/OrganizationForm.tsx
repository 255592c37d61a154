/** The organization fields, for creating one and for its settings page. */
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { CreateOrganizationRequest } from '../../../src/contracts/organizations.ts';
import type { OrganizationKind } from '../../../src/core/vocabulary.ts';
import { applyServerError, zodValidate } from '../lib/form-errors.ts';
import { KIND_OPTIONS } from '../lib/labels.ts';
import { JurisdictionInput } from './JurisdictionInput.tsx';
import { FormAlert } from './QueryState.tsx';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

export interface OrganizationFormValues {
  name: string;
  kind: OrganizationKind | null;
  jurisdictions: string[];
  timeZone: string | null;
}

export interface OrganizationFormOutput {
  name: string;
  kind: OrganizationKind;
  jurisdictions: string[];
  timeZone: string;
}

const LABELS = { name: 'Name', kind: 'Kind', jurisdictions: 'Jurisdictions', timeZone: 'Time zone' };

const validateContract = zodValidate(CreateOrganizationRequest, LABELS);

function validate(values: OrganizationFormValues): Record<string, string> {
  const errors = validateContract(values);
  if (!values.kind) errors.kind = 'Choose the kind of organization';
  if (!values.timeZone) errors.timeZone = 'Choose a time zone';
  return errors;
}

export interface OrganizationFormProps {
  initialValues: OrganizationFormValues;
  submitLabel: string;
  onSubmit: (values: OrganizationFormOutput) => Promise<unknown>;
  /** Resets the "changed" state after a successful save (settings) instead of leaving the page. */
  resetOnSuccess?: boolean;
}

export function OrganizationForm({
  initialValues,
  submitLabel,
  onSubmit,
  resetOnSuccess,
}: OrganizationFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<OrganizationFormValues>({ mode: 'controlled', initialValues, validate });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit({
        name: values.name.trim(),
        kind: values.kind!,
        jurisdictions: values.jurisdictions,
        timeZone: values.timeZone!,
      });
      if (resetOnSuccess) form.setInitialValues(values);
      if (resetOnSuccess) form.resetDirty(values);
    } catch (error) {
      setFormError(applyServerError(form, error, LABELS));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={640}>
        <FormAlert message={formError} title="The organization was not saved" />
        <TextInput
          label="Name"
          description="As your members know it, e.g. Hayes & Whitfield LLP"
          required
          autoComplete="organization"
          {...form.getInputProps('name')}
        />
        <Select
          label="Kind"
          required
          data={KIND_OPTIONS}
          allowDeselect={false}
          placeholder="Choose one"
          {...form.getInputProps('kind')}
        />
        <JurisdictionInput
          label="Jurisdictions"
          description="Where your programs run and your lawyers are admitted. Press Enter or comma after each."
          {...form.getInputProps('jurisdictions')}
          value={form.values.jurisdictions}
          onChange={(value) => form.setFieldValue('jurisdictions', value)}
        />
        <TimeZoneSelect
          label="Time zone"
          description="Used for meeting times, deadlines and reports"
          required
          {...form.getInputProps('timeZone')}
          value={form.values.timeZone}
          onChange={(value) => form.setFieldValue('timeZone', value)}
        />
        <Group>
          <Button type="submit" loading={form.submitting} disabled={resetOnSuccess && !form.isDirty()}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
