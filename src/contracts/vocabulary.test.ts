/**
 * The organization, profile and matching contracts validate jurisdictions, time zones, taxonomy ids and
 * languages with the same schemas: a value one accepts, the others accept, and each names the field.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MenteeMatchingProfile } from './matching-profiles.ts';
import { CreateOrganizationRequest } from './organizations.ts';
import { UpdateProfileRequest } from './profiles.ts';

const organization = { name: 'Hollis & Pratt LLP', kind: 'law_firm', jurisdictions: [], timeZone: 'UTC' };
const profile = { mentoringRole: 'mentee' };
const mentee = {
  id: 'mem_ana',
  practiceAreas: [],
  careerGoals: [],
  admissions: [],
  practiceJurisdictions: [],
  yearsSinceAdmission: 1,
  organizationId: 'org_riverside',
  supervisorIds: [],
  timeZone: 'UTC',
  languages: [],
  availability: [],
  affinity: [],
  skillsToDevelop: [],
  wantedMentors: 1,
};

/** The paths of the issues, or [] when the value parses. */
function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('one vocabulary across the contracts', () => {
  it('accepts and refuses the same jurisdiction codes everywhere', () => {
    for (const [code, isValid] of [
      ['US-OR', true],
      ['GB-ENG', true],
      ['AU-NSW', true],
      ['IE', true],
      ['us-or', false],
      ['Oregon', false],
      ['USA-OR', false],
    ] as const) {
      const expected = (path: string) => (isValid ? [] : [path]);
      expect(issuesOf(CreateOrganizationRequest, { ...organization, jurisdictions: [code] }), code).toEqual(
        expected('jurisdictions.0'),
      );
      expect(issuesOf(UpdateProfileRequest, { ...profile, jurisdictionsOfAdmission: [code] }), code).toEqual(
        expected('jurisdictionsOfAdmission.0'),
      );
      expect(issuesOf(MenteeMatchingProfile, { ...mentee, admissions: [code] }), code).toEqual(
        expected('admissions.0'),
      );
    }
  });

  it('accepts and refuses the same time zones everywhere', () => {
    for (const [zone, isValid] of [
      ['America/Los_Angeles', true],
      ['Etc/GMT+5', true],
      ['+05:30', false],
      ['America/Portland', false],
      ['', false],
    ] as const) {
      const expected = isValid ? [] : ['timeZone'];
      expect(issuesOf(CreateOrganizationRequest, { ...organization, timeZone: zone }), zone).toEqual(
        expected,
      );
      expect(issuesOf(UpdateProfileRequest, { ...profile, timeZone: zone }), zone).toEqual(expected);
      expect(issuesOf(MenteeMatchingProfile, { ...mentee, timeZone: zone }), zone).toEqual(expected);
    }
  });

  it('accepts and refuses the same practice-area ids and languages in profiles and matching', () => {
    for (const [id, isValid] of [
      ['criminal-defense', true],
      ['a'.repeat(64), true],
      ['a'.repeat(65), false],
      ['Criminal Defense', false],
    ] as const) {
      const expected = (path: string) => (isValid ? [] : [path]);
      expect(issuesOf(UpdateProfileRequest, { ...profile, practiceAreas: [id] })).toEqual(
        expected('practiceAreas.0'),
      );
      expect(issuesOf(MenteeMatchingProfile, { ...mentee, practiceAreas: [id] })).toEqual(
        expected('practiceAreas.0'),
      );
    }
    for (const [code, isValid] of [
      ['es', true],
      ['pt-BR', true],
      ['zh-Hant', true],
      ['ase', true],
      ['Spanish', false],
      ['en_US', false],
    ] as const) {
      const expected = (path: string) => (isValid ? [] : [path]);
      expect(issuesOf(UpdateProfileRequest, { ...profile, languages: [code] }), code).toEqual(
        expected('languages.0'),
      );
      expect(issuesOf(MenteeMatchingProfile, { ...mentee, languages: [code] }), code).toEqual(
        expected('languages.0'),
      );
    }
  });
});
