import type { UpdateProfileRequest } from '../../contracts/profiles.ts';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import { isPracticeAreaId, PRACTICE_AREAS } from '../../core/taxonomy.ts';
import { memberProfiles } from '../../db/schema.ts';
import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { canEditProfile, selectProfile, type ProfileView } from './profile-records.ts';

export interface UpdateProfileInput {
  organizationId: string;
  membershipId: string;
  /** The whole profile (PUT semantics): omitted fields take their defaults. */
  profile: UpdateProfileRequest;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function validate(profile: UpdateProfileRequest, currentYear: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  profile.practiceAreas.forEach((id, index) => {
    if (!isPracticeAreaId(id)) {
      issues.push({
        path: `practiceAreas.${index}`,
        message: `unknown practice area "${id}"; use one of ${PRACTICE_AREAS.map((entry) => entry.id).join(', ')}`,
      });
    }
  });
  if (profile.admissionYear !== null && profile.admissionYear > currentYear) {
    issues.push({ path: 'admissionYear', message: `must not be later than ${currentYear}` });
  }
  return issues;
}

/**
 * Replaces a member's profile in an organization. Members edit their own; organization admins edit
 * anyone's. Another organization's membership is NOT_FOUND.
 */
export async function updateProfile(ctx: AppContext, input: UpdateProfileInput): Promise<ProfileView> {
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    const scope = await requireMembership(tx, input.organizationId);
    // Locked so that a concurrent removal of the member waits instead of failing our insert.
    const current = await selectProfile(tx.db, scope, input.membershipId, { lockMembership: true });
    const viewer = { membershipId: scope.membershipId, role: scope.role };
    if (!canEditProfile(viewer, current.membershipId)) {
      throw new AppError(
        'FORBIDDEN',
        'Only the member themself or an organization admin can edit this profile',
      );
    }
    const issues = validate(input.profile, now.getUTCFullYear());
    if (issues.length > 0) throw AppError.validation(issues);

    const values = {
      mentoringRole: input.profile.mentoringRole,
      headline: input.profile.headline,
      bio: input.profile.bio,
      // The same entry twice is a slip, not a meaning; keep the first occurrence's order.
      practiceAreas: unique(input.profile.practiceAreas),
      jurisdictionsOfAdmission: unique(input.profile.jurisdictionsOfAdmission),
      admissionYear: input.profile.admissionYear,
      languages: unique(input.profile.languages),
      office: input.profile.office,
      timeZone: input.profile.timeZone,
      updatedAt: now,
    };
    await tx.db
      .insert(memberProfiles)
      .values({ membershipId: current.membershipId, organizationId: scope.organizationId, ...values })
      .onConflictDoUpdate({ target: memberProfiles.membershipId, set: values });
    return { profile: { ...current, ...values }, viewer };
  });
}
