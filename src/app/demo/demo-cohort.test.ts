import { describe, expect, it } from 'vitest';
import { BUILT_IN_ANSWER_SCHEMAS } from '../../contracts/built-in-answers.ts';
import { BUILT_IN_QUESTION_IDS } from '../../core/enrolment/built-in-questions.ts';
import { generateDemoCohort } from './demo-cohort.ts';

describe('generateDemoCohort', () => {
  const cohort = generateDemoCohort({ mentees: 64, mentors: 27, referenceYear: 2027 });

  it('makes the asked number of distinct people, the same ones every time', () => {
    expect(cohort.filter((applicant) => applicant.side === 'mentee')).toHaveLength(64);
    expect(cohort.filter((applicant) => applicant.side === 'mentor')).toHaveLength(27);
    expect(new Set(cohort.map((applicant) => applicant.email)).size).toBe(cohort.length);
    expect(new Set(cohort.map((applicant) => applicant.key)).size).toBe(cohort.length);
    expect(generateDemoCohort({ mentees: 64, mentors: 27, referenceYear: 2027 })).toEqual(cohort);
  });

  it('answers every built-in question validly', () => {
    for (const applicant of cohort) {
      for (const id of BUILT_IN_QUESTION_IDS) {
        const parsed = BUILT_IN_ANSWER_SCHEMAS[id].safeParse(applicant.answers[id]);
        expect(parsed.success, `${applicant.name} ${id}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it('offers enough mentor seats for every mentee, from lawyers of at least five years', () => {
    const mentors = cohort.filter((applicant) => applicant.side === 'mentor');
    expect(mentors.reduce((seats, mentor) => seats + mentor.capacity, 0)).toBeGreaterThanOrEqual(64);
    expect(Math.min(...mentors.map((mentor) => mentor.answers.years_of_practice))).toBeGreaterThanOrEqual(5);
    const areas = new Set(cohort.flatMap((applicant) => applicant.answers.practice_areas));
    expect(areas.size).toBeGreaterThan(10);
  });
});
