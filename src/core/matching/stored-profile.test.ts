import { describe, expect, it } from 'vitest';
import { explainExclusion } from './constraints/constraints.ts';
import { defaultMatchingSettings } from './profile.ts';
import { matchProgram } from './pipeline.ts';
import { explainScore } from './scoring/score.ts';
import { toMatchingProfile, type StoredMemberProfile } from './stored-profile.ts';

const REFERENCE_DATE = new Date('2026-03-02T17:30:00Z');

/** A member who filled in every question of the profile form. */
const stored = (overrides: Partial<StoredMemberProfile> = {}): StoredMemberProfile => ({
  membershipId: 'mem_ana',
  organizationId: 'org_hale_ward',
  organizationTimeZone: 'America/Los_Angeles',
  practiceAreas: ['employment', 'litigation'],
  jurisdictionsOfAdmission: ['US-OR', 'US-WA'],
  admissionYear: 2021,
  languages: ['en', 'es'],
  office: 'Portland',
  timeZone: 'America/New_York',
  ...overrides,
});

/** Every question of the form left empty, as selectProfile returns a profile never saved. */
const blank = stored({
  practiceAreas: [],
  jurisdictionsOfAdmission: [],
  admissionYear: null,
  languages: [],
  office: '',
  timeZone: null,
});

const asMentee = { side: 'mentee', referenceDate: REFERENCE_DATE, wantedMentors: 1 } as const;
const asMentor = {
  side: 'mentor',
  referenceDate: REFERENCE_DATE,
  capacity: 2,
  seatsUsedElsewhere: 1,
  eligibility: 'eligible',
} as const;

describe('toMatchingProfile: a stored member profile as the matching engine reads it', () => {
  it('maps every answered field of a mentee', () => {
    expect(toMatchingProfile(stored(), { ...asMentee, supervisorIds: ['mem_sam', 'mem_chief'] })).toEqual({
      id: 'mem_ana',
      organizationId: 'org_hale_ward',
      practiceAreas: ['employment', 'litigation'],
      careerGoals: [],
      admissions: ['US-OR', 'US-WA'],
      practiceJurisdictions: [],
      yearsSinceAdmission: 5,
      office: 'Portland',
      supervisorIds: ['mem_sam', 'mem_chief'],
      timeZone: 'America/New_York',
      languages: ['en', 'es'],
      availability: [],
      affinity: [],
      skillsToDevelop: [],
      wantedMentors: 1,
    });
  });

  it('maps every answered field of a mentor, with the seats the program knows', () => {
    expect(toMatchingProfile(stored({ membershipId: 'mem_ben', admissionYear: 2004 }), asMentor)).toEqual({
      id: 'mem_ben',
      organizationId: 'org_hale_ward',
      practiceAreas: ['employment', 'litigation'],
      careerGoals: [],
      admissions: ['US-OR', 'US-WA'],
      practiceJurisdictions: [],
      yearsSinceAdmission: 22,
      office: 'Portland',
      supervisorIds: [],
      timeZone: 'America/New_York',
      languages: ['en', 'es'],
      availability: [],
      affinity: [],
      skillsOffered: [],
      capacity: 2,
      seatsUsedElsewhere: 1,
      eligibility: 'eligible',
    });
  });

  it('keeps an empty admission year blank: no years and no date, never zero', () => {
    for (const enrollment of [asMentee, asMentor]) {
      const profile = toMatchingProfile(stored({ admissionYear: null }), enrollment);
      expect(profile).not.toHaveProperty('yearsSinceAdmission');
      expect(profile).not.toHaveProperty('admissionDate');
    }
  });

  it('counts years since admission in calendar years at the reference date', () => {
    const yearsAt = (admissionYear: number, referenceDate: Date) =>
      toMatchingProfile(stored({ admissionYear }), { ...asMentee, referenceDate }).yearsSinceAdmission;
    expect(yearsAt(2026, REFERENCE_DATE)).toBe(0);
    expect(yearsAt(1990, REFERENCE_DATE)).toBe(36);
    // At midnight UTC on New Year's Day the year has turned.
    expect(yearsAt(2020, new Date('2025-12-31T23:59:59Z'))).toBe(5);
    expect(yearsAt(2020, new Date('2026-01-01T00:00:00Z'))).toBe(6);
    // A reference date before the admission: not admitted yet, so no years in practice.
    expect(yearsAt(2026, new Date('2024-06-01T00:00:00Z'))).toBe(0);
  });

  it("uses the organization's time zone when the member left theirs empty, as the form promises", () => {
    expect(toMatchingProfile(stored({ timeZone: null }), asMentee).timeZone).toBe('America/Los_Angeles');
    expect(toMatchingProfile(stored({ timeZone: 'Europe/London' }), asMentee).timeZone).toBe('Europe/London');
  });

  it('leaves an empty office out rather than naming an office ""', () => {
    expect(toMatchingProfile(stored({ office: '' }), asMentor)).not.toHaveProperty('office');
  });

  it('keeps empty lists empty, and fills nothing the form does not ask', () => {
    const mentee = toMatchingProfile(blank, asMentee);
    expect(mentee).toEqual({
      id: 'mem_ana',
      organizationId: 'org_hale_ward',
      practiceAreas: [],
      careerGoals: [],
      admissions: [],
      practiceJurisdictions: [],
      supervisorIds: [],
      timeZone: 'America/Los_Angeles',
      languages: [],
      availability: [],
      affinity: [],
      skillsToDevelop: [],
      wantedMentors: 1,
    });
    expect(mentee).not.toHaveProperty('preferredFormat');
    expect(mentee).not.toHaveProperty('communicationStyle');
  });

  it('copies lists, so the engine can never change the stored record', () => {
    const record = stored();
    const profile = toMatchingProfile(record, { ...asMentee, supervisorIds: ['mem_sam'] });
    expect(profile.practiceAreas).not.toBe(record.practiceAreas);
    expect(profile.admissions).not.toBe(record.jurisdictionsOfAdmission);
    expect(profile.languages).not.toBe(record.languages);
  });

  it('lets a blank answer neither help nor hurt: a blank mentee is scored on what they did answer', () => {
    const settings = defaultMatchingSettings(REFERENCE_DATE);
    const mentee = toMatchingProfile(stored({ admissionYear: null, languages: [] }), asMentee);
    const mentor = toMatchingProfile(stored({ membershipId: 'mem_ben', admissionYear: 2010 }), asMentor);
    const explanation = explainScore(mentee, mentor, settings);
    const criteria = explanation.contributions.map((contribution) => contribution.criterion).sort();
    // Seniority and language were left empty, availability and the rest are not asked: only practice
    // area and time zone (the member's own, answered) count.
    expect(criteria).toEqual(['practice-area', 'time-zone']);
    expect(explanation.score).toBeGreaterThan(0);
  });

  it('lets matching run on stored profiles alone, the blank ones included', () => {
    const settings = defaultMatchingSettings(REFERENCE_DATE);
    const mentees = [
      toMatchingProfile(stored({ membershipId: 'mem_new', admissionYear: 2025 }), asMentee),
      toMatchingProfile({ ...blank, membershipId: 'mem_student' }, asMentee),
    ];
    const withSeats = { ...asMentor, seatsUsedElsewhere: 0 };
    const mentors = [
      toMatchingProfile(stored({ membershipId: 'mem_senior', admissionYear: 2005 }), withSeats),
      toMatchingProfile({ ...blank, membershipId: 'mem_silent' }, withSeats),
    ];
    const result = matchProgram({ mentees, mentors, settings, objective: 'coverage' });
    expect(result.pairs.find((pair) => pair.menteeId === 'mem_new')?.mentorId).toBe('mem_senior');
    // The default rule asks for 2 more years in practice: the mentor who gave no year cannot show that,
    // and the mentee who gave none is not held to it.
    expect(explainExclusion(mentees[0], mentors[1], settings).map((reason) => reason.code)).toEqual([
      'seniority-gap',
    ]);
    expect(explainExclusion(mentees[1], mentors[1], settings)).toEqual([]);
    expect(result.unmatched).toEqual([]);
  });
});
