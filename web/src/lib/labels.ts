/** What people read for the enum values of the contracts (en-US). */
import { MEMBER_ROLES, type MemberRole } from '../../../src/core/roles.ts';
import {
  MENTORING_ROLES,
  ORGANIZATION_KINDS,
  type MentoringRole,
  type OrganizationKind,
} from '../../../src/core/vocabulary.ts';

export const ROLE_LABELS: Record<MemberRole, string> = {
  admin: 'Organization admin',
  coordinator: 'Program coordinator',
  member: 'Member',
};

export const ROLE_DESCRIPTIONS: Record<MemberRole, string> = {
  admin: 'Manages settings, members and everything else',
  coordinator: 'Runs programs and invites people',
  member: 'Takes part as a mentor or mentee',
};

export const ROLE_OPTIONS = MEMBER_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export const KIND_LABELS: Record<OrganizationKind, string> = {
  law_firm: 'Law firm',
  bar_association: 'Bar association',
  law_school: 'Law school',
  legal_aid: 'Legal-aid organization',
  court: 'Court',
  other: 'Other',
};

export const KIND_OPTIONS = ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

export const MENTORING_ROLE_LABELS: Record<MentoringRole, string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  both: 'Mentor and mentee',
  none: 'Neither for now',
};

export const MENTORING_ROLE_OPTIONS = MENTORING_ROLES.map((role) => ({
  value: role,
  label: MENTORING_ROLE_LABELS[role],
}));

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** "Nov 27, 2025" in the browser's time zone. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "Nov 27, 2025, 9:41 AM" in the browser's time zone. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
