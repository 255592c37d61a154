/** Edits a member profile (the whole profile is sent: PUT replaces it). */
import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Pill,
  Radio,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import {
  UpdateProfileRequest,
  type UpdateProfileRequest as ProfileInput,
} from '../../../src/contracts/profiles.ts';
import { PRACTICE_AREAS } from '../../../src/core/taxonomy.ts';
import type { MentoringRole } from '../../../src/core/vocabulary.ts';
import type { ProfileDto } from '../api/endpoints.ts';
import { applyServerError, zodValidate } from '../lib/form-errors.ts';
import { LANGUAGE_OPTIONS, languageLabel } from '../lib/languages.ts';
import { MENTORING_ROLE_OPTIONS } from '../lib/labels.ts';
import { JurisdictionInput } from './JurisdictionInput.tsx';
import { FormAlert } from './QueryState.tsx';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

const LABELS = {
  mentoringRole: 'Mentoring role',
  headline: 'Headline',
  bio: 'About',
  practiceAreas: 'Practice areas',
  jurisdictionsOfAdmission: 'Jurisdictions of admission',
  admissionYear: 'Year of admission',
  languages: 'Languages',
  office: 'Office',
  timeZone: 'Time zone',
};

const validateContract = zodValidate(UpdateProfileRequest, LABELS, toRequest);

const PRACTICE_AREA_OPTIONS = PRACTICE_AREAS.map((area) => ({ value: area.id, label: area.label }));

interface Values {
  mentoringRole: MentoringRole;
  headline: string;
  bio: string;
  practiceAreas: string[];
  jurisdictionsOfAdmission: string[];
  admissionYear: number | string;
  languages: string[];
  office: string;
  timeZone: string | null;
}

function toRequest(values: Values): ProfileInput {
  return {
    mentoringRole: values.mentoringRole,
    headline: values.headline.trim(),
    bio: values.bio.trim(),
    practiceAreas: values.practiceAreas,
    jurisdictionsOfAdmission: values.jurisdictionsOfAdmission,
    admissionYear: values.admissionYear === '' ? null : Number(values.admissionYear),
    languages: values.languages,
    office: values.office.trim(),
    timeZone: values.timeZone,
  };
}

export interface ProfileFormProps {
  profile: ProfileDto;
  onSubmit: (values: ProfileInput) => Promise<unknown>;
  onCancel: () => void;
}

export function ProfileForm({ profile, onSubmit, onCancel }: ProfileFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      mentoringRole: profile.mentoringRole,
      headline: profile.headline,
      bio: profile.bio,
      practiceAreas: profile.practiceAreas,
      jurisdictionsOfAdmission: profile.jurisdictionsOfAdmission,
      admissionYear: profile.admissionYear ?? '',
      languages: profile.languages,
      office: profile.office,
      timeZone: profile.timeZone,
    },
    validate: (values) => {
      const errors = validateContract(values);
      const year = values.admissionYear === '' ? null : Number(values.admissionYear);
      // The contract's range message is generic; say what is expected.
      if (year !== null && !(Number.isInteger(year) && year >= 1950 && year <= 2100)) {
        errors.admissionYear = 'Enter the year as four digits, between 1950 and 2100';
      }
      return errors;
    },
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(toRequest(values));
    } catch (error) {
      setFormError(applyServerError(form, error, LABELS));
    }
  });

  const languageData = [
    ...LANGUAGE_OPTIONS,
    ...form.values.languages
      .filter((code) => !LANGUAGE_OPTIONS.some((o) => o.value === code))
      .map((code) => ({ value: code, label: languageLabel(code) })),
  ];

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={720}>
        <FormAlert message={formError} title="The profile was not saved" />
        <Radio.Group
          label="In mentoring programs, I would like to take part as"
          required
          {...form.getInputProps('mentoringRole')}
        >
          <Group mt="xs" gap="lg">
            {MENTORING_ROLE_OPTIONS.map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput
          label="Headline"
          description="One line, e.g. Employment litigator, 6 years in practice"
          maxLength={160}
          {...form.getInputProps('headline')}
        />
        <Textarea
          label="About"
          description="Your experience, and what you hope to give or get from mentoring"
          autosize
          minRows={4}
          maxRows={12}
          maxLength={4000}
          {...form.getInputProps('bio')}
        />
        <MultiSelect
          label="Practice areas"
          data={PRACTICE_AREA_OPTIONS}
          searchable
          clearable
          hidePickedOptions
          maxValues={20}
          placeholder={form.values.practiceAreas.length ? undefined : 'Search, e.g. Family or Immigration'}
          nothingFoundMessage="No practice area matches"
          {...form.getInputProps('practiceAreas')}
        />
        <JurisdictionInput
          label="Jurisdictions of admission"
          description="Where you are admitted to practice (or plan to be)"
          {...form.getInputProps('jurisdictionsOfAdmission')}
          value={form.values.jurisdictionsOfAdmission}
          onChange={(value) => form.setFieldValue('jurisdictionsOfAdmission', value)}
        />
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label="Year of admission"
            description="Leave empty if you are a student"
            min={1950}
            max={2100}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            thousandSeparator={false}
            {...form.getInputProps('admissionYear')}
          />
          <TextInput
            label="Office"
            description="City or office, e.g. Portland"
            maxLength={120}
            {...form.getInputProps('office')}
          />
        </Group>
        <TagsInput
          label="Languages"
          description="Languages you can work or mentor in. Pick from the list or type a code such as pt-BR."
          data={languageData}
          clearable
          maxTags={20}
          splitChars={[',', ' ']}
          renderPill={({ value, onRemove, disabled }) => (
            <Pill withRemoveButton={!disabled} onRemove={onRemove} disabled={disabled}>
              {languageLabel(value ?? '')}
            </Pill>
          )}
          {...form.getInputProps('languages')}
          onChange={(value) =>
            form.setFieldValue('languages', [...new Set(value.map((v) => v.trim()).filter(Boolean))])
          }
        />
        <TimeZoneSelect
          label="Time zone"
          description="Leave empty to use the organization's"
          clearable
          {...form.getInputProps('timeZone')}
          value={form.values.timeZone}
          onChange={(value) => form.setFieldValue('timeZone', value)}
        />
        <Group>
          <Button type="submit" loading={form.submitting}>
            Save profile
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
