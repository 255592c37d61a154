/**
 * The only way member profiles leave the server: the contract shape plus `can`, what the viewer may do
 * with the profile, so the web app never re-derives permissions.
 */
import { canEditProfile, type ProfileView } from '../../app/profiles/profile-records.ts';
import type { Profile } from '../../contracts/profiles.ts';

/** A member profile as the viewer sees it. */
export function presentProfile({ profile, viewer }: ProfileView): Profile {
  return {
    membershipId: profile.membershipId,
    userId: profile.userId,
    name: profile.name,
    mentoringRole: profile.mentoringRole,
    headline: profile.headline,
    bio: profile.bio,
    practiceAreas: profile.practiceAreas,
    jurisdictionsOfAdmission: profile.jurisdictionsOfAdmission,
    admissionYear: profile.admissionYear,
    languages: profile.languages,
    office: profile.office,
    timeZone: profile.timeZone,
    updatedAt: profile.updatedAt?.toISOString() ?? null,
    can: { edit: canEditProfile(viewer, profile.membershipId) },
  };
}
