/** A member profile, read-only, with an edit mode for those the API allows (`can.edit`). */
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { practiceAreaLabel } from '../../../src/core/taxonomy.ts';
import { profilesApi, type ProfileDto } from '../api/endpoints.ts';
import { profileQuery, queryKeys } from '../api/queries.ts';
import { jurisdictionLabel } from '../lib/jurisdictions.ts';
import { MENTORING_ROLE_LABELS, formatDate } from '../lib/labels.ts';
import { languageLabel } from '../lib/languages.ts';
import { UserIcon } from './Icons.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { LoadError, Loading } from './QueryState.tsx';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function Tags({ values, label }: { values: string[]; label: (value: string) => string }) {
  if (!values.length) return <Text c="dimmed">Not given</Text>;
  return (
    <Group gap={6}>
      {values.map((value) => (
        <Badge key={value} variant="light" color="navy" tt="none">
          {label(value)}
        </Badge>
      ))}
    </Group>
  );
}

function ProfileDetails({ profile }: { profile: ProfileDto }) {
  return (
    <Card withBorder padding="lg">
      <Stack gap="lg">
        {profile.headline ? <Text fw={500}>{profile.headline}</Text> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Field label="Mentoring">
            <Text>{MENTORING_ROLE_LABELS[profile.mentoringRole]}</Text>
          </Field>
          <Field label="Year of admission">
            <Text c={profile.admissionYear ? undefined : 'dimmed'}>
              {profile.admissionYear ?? 'Not given'}
            </Text>
          </Field>
          <Field label="Practice areas">
            <Tags values={profile.practiceAreas} label={practiceAreaLabel} />
          </Field>
          <Field label="Jurisdictions of admission">
            <Tags values={profile.jurisdictionsOfAdmission} label={jurisdictionLabel} />
          </Field>
          <Field label="Languages">
            <Tags values={profile.languages} label={languageLabel} />
          </Field>
          <Field label="Office">
            <Text c={profile.office ? undefined : 'dimmed'}>{profile.office || 'Not given'}</Text>
          </Field>
          <Field label="Time zone">
            <Text c={profile.timeZone ? undefined : 'dimmed'}>
              {profile.timeZone?.replaceAll('_', ' ') ?? "The organization's"}
            </Text>
          </Field>
        </SimpleGrid>
        <Field label="About">
          <Text style={{ whiteSpace: 'pre-wrap' }} c={profile.bio ? undefined : 'dimmed'}>
            {profile.bio || 'Not given'}
          </Text>
        </Field>
        {profile.updatedAt ? (
          <Text size="xs" c="dimmed">
            Last updated {formatDate(profile.updatedAt)}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

export function ProfileView({
  organizationId,
  membershipId,
  isMine,
}: {
  organizationId: string;
  membershipId: string;
  isMine: boolean;
}) {
  const queryClient = useQueryClient();
  const profile = useQuery(profileQuery(organizationId, membershipId));
  const [isEditing, setEditing] = useState(false);

  if (profile.isPending) return <Loading label="Loading the profile…" />;
  if (profile.isError) return <LoadError error={profile.error} onRetry={() => void profile.refetch()} />;
  const data = profile.data;

  if (isEditing && data.can.edit) {
    return (
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="md">
          {isMine ? 'Edit your profile' : `Edit the profile of ${data.name}`}
        </Title>
        <ProfileForm
          profile={data}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            const saved = await profilesApi.update(organizationId, membershipId, values);
            queryClient.setQueryData(queryKeys.profile(organizationId, membershipId), saved);
            setEditing(false);
            notifications.show({ color: 'green', message: 'Profile saved.' });
          }}
        />
      </Card>
    );
  }

  if (!data.updatedAt) {
    return (
      <Card withBorder padding="xl">
        <Stack align="center" gap="sm" ta="center">
          <UserIcon size={36} />
          <Title order={2} size="h4">
            {isMine ? 'Your profile is empty' : `${data.name} has not filled in a profile yet`}
          </Title>
          <Text c="dimmed" maw={520}>
            {isMine
              ? 'Coordinators match mentors and mentees on practice areas, admissions, languages and time zones. Fill in yours so that you can be matched well.'
              : 'Their practice areas, admissions and languages will appear here once they fill in their profile.'}
          </Text>
          {data.can.edit ? (
            <Button onClick={() => setEditing(true)}>
              {isMine ? 'Fill in my profile' : 'Fill in the profile'}
            </Button>
          ) : null}
        </Stack>
      </Card>
    );
  }

  return (
    <Stack gap="md">
      {data.can.edit ? (
        <Group>
          <Button variant="default" onClick={() => setEditing(true)}>
            Edit profile
          </Button>
        </Group>
      ) : null}
      <ProfileDetails profile={data} />
    </Stack>
  );
}
