import { z } from 'zod';
import { IdParam, IdSchema, Timestamp } from './common.ts';
import { JurisdictionCode, LanguageCode, MentoringRole, TaxonomyId, TimeZone } from './vocabulary.ts';

export const UpdateProfileRequest = z
  .object({
    mentoringRole: MentoringRole,
    headline: z.string().trim().max(160).default(''),
    bio: z.string().trim().max(4000).default(''),
    practiceAreas: z.array(TaxonomyId).max(20).default([]),
    jurisdictionsOfAdmission: z.array(JurisdictionCode).max(20).default([]),
    admissionYear: z
      .number()
      .int()
      .min(1950)
      .max(2100)
      .nullable()
      .default(null)
      .describe('Year first admitted to practice; null for students'),
    languages: z.array(LanguageCode).max(20).default([]),
    office: z.string().trim().max(120).default(''),
    timeZone: TimeZone.nullable().default(null),
  })
  .strict();
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

export const Profile = z.object({
  membershipId: IdSchema,
  userId: IdSchema,
  name: z.string(),
  mentoringRole: MentoringRole,
  headline: z.string(),
  bio: z.string(),
  practiceAreas: z.array(z.string()),
  jurisdictionsOfAdmission: z.array(z.string()),
  admissionYear: z.number().int().nullable(),
  languages: z.array(z.string()),
  office: z.string(),
  timeZone: z.string().nullable(),
  updatedAt: Timestamp.nullable().describe('null when the member has not filled in a profile yet'),
  can: z.object({ edit: z.boolean() }),
});
export type Profile = z.infer<typeof Profile>;
export const ProfileResponse = z.object({ profile: Profile });
export const ProfileParams = z.object({ organizationId: IdParam, membershipId: IdParam });
