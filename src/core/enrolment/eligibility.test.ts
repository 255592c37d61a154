import { describe, expect, it } from 'vitest';
import {
  eligibilityQuestions,
  evaluateEligibility,
  reviewRule,
  type EligibilityAnswers,
  type EligibilityRules,
  type RuleOutcome,
} from './eligibility.ts';

const AT = new Date('2026-06-01T00:00:00Z');

const ALL_RULES: EligibilityRules = {
  minimumYearsAdmitted: 5,
  requireGoodStanding: true,
  noDiscipline: { withinYears: 10 },
  requireNoPendingComplaint: true,
  insurance: {
    minimumPerClaim: 500_000,
    minimumAggregate: 1_000_000,
    exemptions: ['government', 'in_house'],
  },
  references: { count: 2, maxFromSameFirm: 1 },
  training: { name: 'Mentor training', validForMonths: 24 },
};

const GOOD: EligibilityAnswers = {
  goodStanding: true,
  hasDiscipline: false,
  hasPendingComplaint: false,
  insurance: { exemption: null, carrier: 'ALPS', perClaim: 1_000_000, aggregate: 2_000_000 },
  references: [
    { name: 'A', email: 'a@x.test', firm: 'Hollis & Pratt LLP' },
    { name: 'B', email: 'b@y.test', firm: 'Multnomah County DA' },
  ],
  trainingCompletedOn: '2025-09-01',
};

function outcome(
  ruleId: string,
  eligibility: Partial<EligibilityAnswers>,
  built: Record<string, unknown> = { admission_date: '2015-01-10' },
) {
  const result = evaluateEligibility(ALL_RULES, { ...built, eligibility: { ...GOOD, ...eligibility } }, AT);
  return result.rules.find((rule) => rule.id === ruleId)!;
}

describe('evaluateEligibility', () => {
  it('passes every rule for a mentor who meets them all', () => {
    const result = evaluateEligibility(ALL_RULES, { admission_date: '2015-01-10', eligibility: GOOD }, AT);
    expect(result.status).toBe('eligible');
    expect(result.rules.map((rule) => rule.id)).toEqual([
      'minimum_years_admitted',
      'good_standing',
      'no_discipline',
      'no_pending_complaint',
      'insurance',
      'references',
      'training',
    ]);
    expect(result.rules.every((rule) => rule.outcome === 'pass' && rule.reason !== '')).toBe(true);
  });

  it('has no rules and asks nothing when the program sets none', () => {
    expect(evaluateEligibility({}, {}, AT)).toEqual({ status: 'eligible', rules: [] });
    expect(eligibilityQuestions({})).toEqual([]);
  });

  const cases: Array<
    [string, string, Partial<EligibilityAnswers>, Record<string, unknown> | undefined, RuleOutcome, RegExp]
  > = [
    [
      'admission date under the minimum',
      'minimum_years_admitted',
      {},
      { admission_date: '2022-05-01' },
      'fail',
      /4 years.*5/,
    ],
    [
      'anniversary not reached yet',
      'minimum_years_admitted',
      {},
      { admission_date: '2021-06-02' },
      'fail',
      /4 years/,
    ],
    ['exactly five years', 'minimum_years_admitted', {}, { admission_date: '2021-06-01' }, 'pass', /5 years/],
    [
      'years of practice without a date',
      'minimum_years_admitted',
      {},
      { years_of_practice: 7 },
      'pass',
      /7 years/,
    ],
    ['no admission facts', 'minimum_years_admitted', {}, {}, 'needs_review', /No admission/],
    ['no good standing', 'good_standing', { goodStanding: false }, undefined, 'fail', /Did not attest/],
    [
      'good standing unanswered',
      'good_standing',
      { goodStanding: undefined },
      undefined,
      'needs_review',
      /Not answered/,
    ],
    [
      'discipline within the window',
      'no_discipline',
      { hasDiscipline: true, lastDisciplineYear: 2020 },
      undefined,
      'fail',
      /2020/,
    ],
    [
      'discipline long ago',
      'no_discipline',
      { hasDiscipline: true, lastDisciplineYear: 2010 },
      undefined,
      'pass',
      /2010/,
    ],
    [
      'discipline without a year',
      'no_discipline',
      { hasDiscipline: true },
      undefined,
      'needs_review',
      /without its year/,
    ],
    [
      'pending complaint',
      'no_pending_complaint',
      { hasPendingComplaint: true },
      undefined,
      'fail',
      /pending/,
    ],
    [
      'government exemption accepted',
      'insurance',
      { insurance: { exemption: 'government', carrier: '', perClaim: null, aggregate: null } },
      undefined,
      'pass',
      /government/,
    ],
    [
      'in-house exemption accepted',
      'insurance',
      { insurance: { exemption: 'in_house', carrier: '', perClaim: null, aggregate: null } },
      undefined,
      'pass',
      /in-house/,
    ],
    [
      'non-profit exemption not accepted',
      'insurance',
      { insurance: { exemption: 'non_profit', carrier: '', perClaim: null, aggregate: null } },
      undefined,
      'fail',
      /non-profit/,
    ],
    [
      'limits below the minimum',
      'insurance',
      { insurance: { exemption: null, carrier: 'ALPS', perClaim: 250_000, aggregate: 2_000_000 } },
      undefined,
      'fail',
      /\$250,000 per claim/,
    ],
    [
      'no carrier',
      'insurance',
      { insurance: { exemption: null, carrier: ' ', perClaim: null, aggregate: null } },
      undefined,
      'fail',
      /No insurance carrier/,
    ],
    [
      'carrier without limits',
      'insurance',
      { insurance: { exemption: null, carrier: 'ALPS', perClaim: null, aggregate: null } },
      undefined,
      'needs_review',
      /limits not given/,
    ],
    ['too few references', 'references', { references: [GOOD.references![0]] }, undefined, 'fail', /1 of 2/],
    [
      'two references from the same firm (spelled differently)',
      'references',
      { references: [GOOD.references![0], { name: 'C', email: 'c@x.test', firm: 'hollis and pratt, llp' }] },
      undefined,
      'fail',
      /2 references from Hollis & Pratt LLP/,
    ],
    [
      'a reference without a firm',
      'references',
      { references: [GOOD.references![0], { name: 'C', email: 'c@x.test', firm: '' }] },
      undefined,
      'needs_review',
      /no firm/,
    ],
    ['training not done', 'training', { trainingCompletedOn: null }, undefined, 'fail', /not completed/],
    [
      'training too old',
      'training',
      { trainingCompletedOn: '2023-01-15' },
      undefined,
      'fail',
      /more than 24 months/,
    ],
  ];
  it.each(cases)('%s', (_name, ruleId, answers, built, expected, reason) => {
    const rule = outcome(ruleId, answers, built);
    expect(rule.outcome).toBe(expected);
    expect(rule.reason).toMatch(reason);
  });

  it('fails discipline ever when any is reported', () => {
    const rules: EligibilityRules = { noDiscipline: { withinYears: null } };
    const result = evaluateEligibility(
      rules,
      { eligibility: { hasDiscipline: true, lastDisciplineYear: 1990 } },
      AT,
    );
    expect(result).toMatchObject({
      status: 'ineligible',
      rules: [{ outcome: 'fail', label: 'No public discipline ever' }],
    });
  });

  it('is pending when a rule needs review and no rule fails; ineligible when any fails', () => {
    expect(evaluateEligibility(ALL_RULES, { eligibility: GOOD }, AT).status).toBe('pending');
    expect(evaluateEligibility(ALL_RULES, { eligibility: { ...GOOD, goodStanding: false } }, AT).status).toBe(
      'ineligible',
    );
  });

  it('keeps a coordinator review while the answers still need it, and records who and why', () => {
    const first = evaluateEligibility(
      ALL_RULES,
      { years_of_practice: 9, eligibility: { ...GOOD, hasDiscipline: true } },
      AT,
    );
    expect(first.status).toBe('pending');
    const reviewed = reviewRule(first, 'no_discipline', {
      outcome: 'pass',
      note: 'Checked the bar record',
      reviewedBy: 'u1',
      at: AT,
    })!;
    expect(reviewed.status).toBe('eligible');
    expect(reviewed.rules[2]).toMatchObject({
      outcome: 'pass',
      reviewedBy: 'u1',
      reviewNote: 'Checked the bar record',
    });
    const again = evaluateEligibility(
      ALL_RULES,
      { years_of_practice: 9, eligibility: { ...GOOD, hasDiscipline: true } },
      AT,
      reviewed,
    );
    expect(again.status).toBe('eligible');
    expect(reviewRule(first, 'nope', { outcome: 'pass', note: 'x', reviewedBy: 'u1', at: AT })).toBeNull();
  });

  it('asks the questions its rules need', () => {
    expect(eligibilityQuestions(ALL_RULES)).toEqual([
      'goodStanding',
      'hasDiscipline',
      'lastDisciplineYear',
      'hasPendingComplaint',
      'insurance',
      'references',
      'trainingCompletedOn',
    ]);
    expect(eligibilityQuestions({ minimumYearsAdmitted: 3 })).toEqual([]);
  });
});
