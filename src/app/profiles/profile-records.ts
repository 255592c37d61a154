/**
 * The shape the profile use cases return, the scoped query they share, and who may edit a profile.
 * Presenters turn these records into the contracts in src/contracts/profiles.ts.
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { MemberRole } from '../../core/roles.ts';
import type { MentoringRole } from '../../core/vocabulary.ts';
import { memberProfiles, memberships, users } from '../../db/schema.ts';
import { inOrganization, type OrganizationScope } from '../access.ts';
import type { Queryable } from '../context.ts';

/** A member's profile in one organization; a member who never filled it in has the defaults. */
export interface ProfileRecord {
  membershipId: string;
  userId: string;
  name: string;
  mentoringRole: MentoringRole;
  headline: string;
  bio: string;
  practiceAreas: string[];
  jurisdictionsOfAdmission: string[];
  admissionYear: number | null;
  languages: string[];
  office: string;
  timeZone: string | null;
  /** null until the member (or an admin) saves the profile for the first time. */
  updatedAt: Date | null;
}

/** Who is looking at a profile: decides what the presenter allows (`can`). */
export interface ProfileViewer {
  membershipId: string;
  role: MemberRole;
}

/** A profile plus its viewer, what the get and update use cases return. */
export interface ProfileView {
  profile: ProfileRecord;
  viewer: ProfileViewer;
}

/** Whether `viewer` may edit the profile of `membershipId`: their own, or anyone's as an organization admin. */
export function canEditProfile(viewer: ProfileViewer, membershipId: string): boolean {
  return viewer.membershipId === membershipId || viewer.role === 'admin';
}

/**
 * The profile of a membership of the scope's organization, or NOT_FOUND (also for a membership of
 * another organization). `lockMembership` keeps the membership from being removed until the caller's
 * transaction ends.
 */
export async function selectProfile(
  db: Queryable,
  scope: OrganizationScope,
  membershipId: string,
  options: { lockMembership?: boolean } = {},
): Promise<ProfileRecord> {
  const query = db
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      name: users.name,
      profile: memberProfiles,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      memberProfiles,
      and(
        eq(memberProfiles.membershipId, memberships.id),
        eq(memberProfiles.organizationId, memberships.organizationId),
      ),
    )
    .where(inOrganization(scope, memberships.organizationId, eq(memberships.id, membershipId)))
    .limit(1);
  const [row] = options.lockMembership ? await query.for('share', { of: memberships }) : await query;
  if (!row) throw AppError.notFound('Member');
  const profile = row.profile;
  return {
    membershipId: row.membershipId,
    userId: row.userId,
    name: row.name,
    mentoringRole: profile?.mentoringRole ?? 'none',
    headline: profile?.headline ?? '',
    bio: profile?.bio ?? '',
    practiceAreas: profile?.practiceAreas ?? [],
    jurisdictionsOfAdmission: profile?.jurisdictionsOfAdmission ?? [],
    admissionYear: profile?.admissionYear ?? null,
    languages: profile?.languages ?? [],
    office: profile?.office ?? '',
    timeZone: profile?.timeZone ?? null,
    updatedAt: profile?.updatedAt ?? null,
  };
}
