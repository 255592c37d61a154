import { describe, expect, it } from 'vitest';
import { BUILT_IN_ANSWER_SCHEMAS } from '../../contracts/built-in-answers.ts';
import { defaultMatchingSettings } from '../matching/profile.ts';
import { matchProgram } from '../matching/pipeline.ts';
import {
  BUILT_IN_QUESTION_IDS,
  BUILT_IN_QUESTIONS,
  prefillAnswers,
  type StoredAnswers,
} from './built-in-questions.ts';
import { applicationMatchingProfile, type MatchableApplication } from './matching-profile.ts';

const REFERENCE_DATE = new Date('2026-03-02T17:30:00Z');

const FULL_ANSWERS: StoredAnswers = {
  practice_areas: ['employment', 'litigation'],
  skills: [{ id: 'negotiation', level: 2 }],
  career_goals: ['make-partner'],
  years_of_practice: 2,
  admission_date: '2024-05-01',
  jurisdictions_of_admission: ['US-OR'],
  practice_jurisdictions: ['US-OR', 'US-WA'],
  languages: ['en', 'es'],
  location: 'Portland',
  employer: 'Alder & Finch LLP',
  time_zone: 'America/Los_Angeles',
  availability: [{ day: 'tue', startMinute: 720, endMinute: 780 }],
  meeting_format: 'video',
  communication_style: 'direct',
  affinity: [{ topic: 'first-generation-lawyer', answer: true }],
};

const application = (overrides: Partial<MatchableApplication> = {}): MatchableApplication => ({
  applicationId: 'app_ana',
  organizationId: 'org_bar',
  fallbackTimeZone: 'America/Chicago',
  answers: FULL_ANSWERS,
  consents: { affinity: { givenAt: '2026-02-01T10:00:00Z', statement: 'I agree' } },
  ...overrides,
});

const asMentee = { side: 'mentee', referenceDate: REFERENCE_DATE, wantedMentors: 1 } as const;
const asMentor = {
  side: 'mentor',
  referenceDate: REFERENCE_DATE,
  capacity: 2,
  seatsUsedElsewhere: 0,
  eligibility: 'eligible',
} as const;

describe('built-in questions', () => {
  it('has one entry and one answer schema per id, and the sample answers satisfy every schema', () => {
    expect(BUILT_IN_QUESTIONS.map((question) => question.id)).toEqual([...BUILT_IN_QUESTION_IDS]);
    for (const id of BUILT_IN_QUESTION_IDS) {
      expect(BUILT_IN_ANSWER_SCHEMAS[id].safeParse(FULL_ANSWERS[id]).success, id).toBe(true);
    }
  });

  it('refuses answers of the wrong shape, naming what is wrong', () => {
    expect(BUILT_IN_ANSWER_SCHEMAS.years_of_practice.safeParse('three').success).toBe(false);
    expect(BUILT_IN_ANSWER_SCHEMAS.time_zone.safeParse('Mars/Olympus').success).toBe(false);
    const twice = BUILT_IN_ANSWER_SCHEMAS.practice_areas.safeParse(['tax', 'tax']);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.message).toBe('practice area tax is listed twice');
    expect(BUILT_IN_ANSWER_SCHEMAS.skills.safeParse([{ id: 'negotiation', level: 5 }]).success).toBe(false);
  });

  it('marks only the affinity question as sensitive', () => {
    expect(
      BUILT_IN_QUESTIONS.filter((question) => question.isSensitive).map((question) => question.id),
    ).toEqual(['affinity']);
  });

  it('prefills the asked questions from the profile, and nothing from empty fields', () => {
    const profile = {
      practiceAreas: ['tax'],
      jurisdictionsOfAdmission: ['GB-ENG'],
      admissionYear: 2019,
      languages: ['en'],
      office: 'London',
      timeZone: 'Europe/London',
    };
    expect(prefillAnswers(profile, [...BUILT_IN_QUESTION_IDS], REFERENCE_DATE)).toEqual({
      practice_areas: ['tax'],
      jurisdictions_of_admission: ['GB-ENG'],
      years_of_practice: 7,
      languages: ['en'],
      location: 'London',
      time_zone: 'Europe/London',
    });
    expect(prefillAnswers(profile, ['practice_areas', 'custom_1'], REFERENCE_DATE)).toEqual({
      practice_areas: ['tax'],
    });
    const empty = { ...profile, practiceAreas: [], admissionYear: null, office: '', timeZone: null };
    expect(
      prefillAnswers(empty, ['practice_areas', 'years_of_practice', 'location', 'time_zone'], REFERENCE_DATE),
    ).toEqual({});
  });
});

describe('applicationMatchingProfile: an application as the matching engine reads it', () => {
  it('maps every built-in answer of a mentee, with consented affinity', () => {
    expect(applicationMatchingProfile(application(), { ...asMentee, supervisorIds: ['app_boss'] })).toEqual({
      id: 'app_ana',
      // The engine compares employers; the program's organization is only the fallback.
      organizationId: 'employer:alder finch',
      practiceAreas: ['employment', 'litigation'],
      careerGoals: ['make-partner'],
      admissions: ['US-OR'],
      practiceJurisdictions: ['US-OR', 'US-WA'],
      yearsSinceAdmission: 2,
      admissionDate: '2024-05-01',
      office: 'Portland',
      supervisorIds: ['app_boss'],
      timeZone: 'America/Los_Angeles',
      languages: ['en', 'es'],
      availability: [{ day: 'tue', startMinute: 720, endMinute: 780 }],
      preferredFormat: 'video',
      communicationStyle: 'direct',
      affinity: [{ topic: 'first-generation-lawyer', answer: true, hasConsented: true }],
      skillsToDevelop: [{ id: 'negotiation', level: 2 }],
      wantedMentors: 1,
    });
  });

  it('never reads an affinity answer given without consent', () => {
    const profile = applicationMatchingProfile(application({ consents: {} }), asMentor);
    expect(profile.affinity).toEqual([]);
    expect(profile.skillsOffered).toEqual([{ id: 'negotiation', level: 2 }]);
    expect(profile.capacity).toBe(2);
  });

  it('leaves unasked questions blank and falls back to the given time zone', () => {
    const profile = applicationMatchingProfile(application({ answers: {} }), asMentee);
    expect(profile).toEqual({
      id: 'app_ana',
      organizationId: 'org_bar',
      practiceAreas: [],
      careerGoals: [],
      admissions: [],
      practiceJurisdictions: [],
      supervisorIds: [],
      timeZone: 'America/Chicago',
      languages: [],
      availability: [],
      affinity: [],
      skillsToDevelop: [],
      wantedMentors: 1,
    });
  });

  it('lets matching run on applications alone', () => {
    const settings = defaultMatchingSettings(REFERENCE_DATE);
    const mentee = applicationMatchingProfile(application(), asMentee);
    const mentor = applicationMatchingProfile(
      application({
        applicationId: 'app_senior',
        answers: { ...FULL_ANSWERS, years_of_practice: 15, admission_date: '2011-05-01' },
      }),
      asMentor,
    );
    const result = matchProgram({ mentees: [mentee], mentors: [mentor], settings, objective: 'coverage' });
    expect(result.pairs.map((pair) => [pair.menteeId, pair.mentorId])).toEqual([['app_ana', 'app_senior']]);
  });
});

describe('applicationMatchingProfile: the employer the inside/outside rule compares', () => {
  const ruled = (organizationRule: 'same-required' | 'same-forbidden') => ({
    ...defaultMatchingSettings(REFERENCE_DATE),
    constraints: { ...defaultMatchingSettings(REFERENCE_DATE).constraints, organizationRule },
  });
  const mentorAt = (employer: string | undefined) =>
    applicationMatchingProfile(
      application({
        applicationId: 'app_senior',
        answers: { ...FULL_ANSWERS, employer, years_of_practice: 15, admission_date: '2011-05-01' },
      }),
      asMentor,
    );

  it('pairs across firms under "must be outside" and refuses the same firm however it is spelt', () => {
    const mentee = applicationMatchingProfile(application(), asMentee);
    const outside = ruled('same-forbidden');
    const other = matchProgram({
      mentees: [mentee],
      mentors: [mentorAt('Rose City Legal Aid')],
      settings: outside,
      objective: 'coverage',
    });
    expect(other.pairs).toHaveLength(1);
    const same = matchProgram({
      mentees: [mentee],
      mentors: [mentorAt('  alder &  FINCH, llp ')],
      settings: outside,
      objective: 'coverage',
    });
    expect(same.pairs).toHaveLength(0);
    const inside = matchProgram({
      mentees: [mentee],
      mentors: [mentorAt('Alder and Finch')],
      settings: ruled('same-required'),
      objective: 'coverage',
    });
    expect(inside.pairs).toHaveLength(1);
  });

  it('falls back to a legacy custom answer, then to the program organization', () => {
    const legacy = applicationMatchingProfile(
      application({ answers: { ...FULL_ANSWERS, employer: undefined, firm: 'Rogue Valley Counsel LLC' } }),
      asMentee,
    );
    expect(legacy.organizationId).toBe('employer:rogue valley counsel');
    const none = applicationMatchingProfile(
      application({ answers: { ...FULL_ANSWERS, employer: undefined } }),
      asMentee,
    );
    expect(none.organizationId).toBe('org_bar');
  });
});
