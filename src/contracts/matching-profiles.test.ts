import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  defaultMatchingSettings,
  matchProgram,
  toMatchingProfile,
  type ConstraintSettings as CoreConstraints,
  type MenteeProfile,
  type MentorProfile,
  type ScoringSettings as CoreScoring,
} from '../core/matching/index.ts';
import {
  MatchResult,
  MenteeMatchingProfile,
  MentorMatchingProfile,
  ProgramMatchingSettings,
} from './matching-profiles.ts';

const mentee = {
  id: 'mem_ana',
  practiceAreas: ['employment', 'litigation'],
  careerGoals: ['make-partner'],
  admissions: ['US-OR'],
  practiceJurisdictions: ['US-OR'],
  admissionDate: '2023-10-02',
  organizationId: 'org_riverside',
  office: 'portland',
  supervisorIds: ['mem_sam', 'mem_chief'],
  timeZone: 'America/Los_Angeles',
  languages: ['en', 'es'],
  availability: [{ day: 'tue', startMinute: 7 * 60, endMinute: 9 * 60 }],
  preferredFormat: 'video',
  communicationStyle: 'direct',
  affinity: [{ topic: 'first-generation-lawyer', answer: true, hasConsented: true }],
  skillsToDevelop: [{ id: 'courtroom-advocacy', level: 1 }],
  wantedMentors: 1,
};

const mentor = {
  ...mentee,
  id: 'mem_ben',
  admissionDate: undefined,
  yearsSinceAdmission: 14,
  organizationId: 'org_lakeside',
  supervisorIds: [],
  availability: [{ day: 'tue', startMinute: 10 * 60, endMinute: 12 * 60 }],
  skillsToDevelop: undefined,
  wantedMentors: undefined,
  skillsOffered: [{ id: 'courtroom-advocacy', level: 4 }],
  capacity: 2,
  seatsUsedElsewhere: 1,
  eligibility: 'eligible',
};

describe('matching contracts', () => {
  it('parse into exactly the shapes core takes', () => {
    expectTypeOf<MenteeMatchingProfile>().toExtend<MenteeProfile>();
    expectTypeOf<MentorMatchingProfile>().toExtend<MentorProfile>();
    expectTypeOf<ProgramMatchingSettings['scoring']>().toExtend<CoreScoring>();
    expectTypeOf<ProgramMatchingSettings['constraints']>().toExtend<CoreConstraints>();
  });

  it('accept a realistic profile and name the field of a bad one', () => {
    expect(MenteeMatchingProfile.parse(mentee).id).toBe('mem_ana');
    const bad = MenteeMatchingProfile.safeParse({
      ...mentee,
      timeZone: 'Pacific/Nowhere',
      admissions: ['Oregon'],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'admissions.0',
      'timeZone',
    ]);
    // Blank seniority is an answer the engine handles (ADR 011), not an error.
    const blankSeniority = MentorMatchingProfile.parse({ ...mentor, yearsSinceAdmission: undefined });
    expect(blankSeniority.yearsSinceAdmission).toBeUndefined();
    expect(blankSeniority.admissionDate).toBeUndefined();
    const negative = MentorMatchingProfile.safeParse({ ...mentor, yearsSinceAdmission: -1 });
    expect(negative.error!.issues[0].path).toEqual(['yearsSinceAdmission']);
  });

  it('describe a matching run result that the pipeline really produces', () => {
    const defaults = defaultMatchingSettings(new Date('2025-06-11T12:00:00Z'));
    const settings = ProgramMatchingSettings.parse({ ...defaults, objective: 'quality', minScore: 0 });
    const result = matchProgram({
      mentees: [MenteeMatchingProfile.parse(mentee)],
      mentors: [MentorMatchingProfile.parse(mentor)],
      settings: {
        scoring: settings.scoring,
        constraints: settings.constraints,
        referenceDate: defaults.referenceDate,
      },
      objective: settings.objective,
    });
    expect(result.pairs).toHaveLength(1);
    expect(MatchResult.parse(result)).toEqual(result);
  });

  it('accept what toMatchingProfile makes of a stored profile, a blank one included', () => {
    const referenceDate = new Date('2026-03-02T12:00:00Z');
    const stored = {
      membershipId: 'mem_ana',
      organizationId: 'org_riverside',
      organizationTimeZone: 'America/Los_Angeles',
      practiceAreas: ['employment'],
      jurisdictionsOfAdmission: ['US-OR', 'IE'],
      admissionYear: 2019,
      languages: ['en', 'pt-BR'],
      office: 'Portland',
      timeZone: 'Europe/Dublin',
    };
    const blank = {
      ...stored,
      practiceAreas: [],
      jurisdictionsOfAdmission: [],
      admissionYear: null,
      languages: [],
      office: '',
      timeZone: null,
    };
    for (const member of [stored, blank]) {
      const asMentee = toMatchingProfile(member, { side: 'mentee', referenceDate, wantedMentors: 1 });
      expect(MenteeMatchingProfile.parse(asMentee)).toEqual(asMentee);
      const asMentor = toMatchingProfile(member, {
        side: 'mentor',
        referenceDate,
        capacity: 1,
        seatsUsedElsewhere: 0,
        eligibility: 'eligible',
      });
      expect(MentorMatchingProfile.parse(asMentor)).toEqual(asMentor);
    }
  });
});
