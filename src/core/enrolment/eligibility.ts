/**
 * Mentor eligibility: the rules a program sets (stored in `programs.eligibility_rules`), the questions a
 * mentor application then asks (stored under `answers.eligibility`), and the evaluation of every rule as
 * pass / fail / needs review with its reason (stored in `applications.eligibility`). The status feeds the
 * matching engine's eligibility constraint: `ineligible` if any rule fails, `pending` if any needs review.
 */
import type { MentorEligibilityStatus } from '../matching/profile.ts';
import type { StoredAnswers } from './built-in-questions.ts';
import { normalizeEmployer } from './employer.ts';

export const INSURANCE_EXEMPTIONS = ['government', 'in_house', 'non_profit'] as const;
export type InsuranceExemption = (typeof INSURANCE_EXEMPTIONS)[number];

/** A program's mentor eligibility rules; a rule left out (or null) is not checked. */
export interface EligibilityRules {
  /** Whole years since first admission, at least. */
  minimumYearsAdmitted?: number | null;
  /** The mentor attests to being in good standing with every bar they are admitted to. */
  requireGoodStanding?: boolean;
  /** No public discipline ever (`withinYears: null`) or within the last N years. */
  noDiscipline?: { withinYears: number | null } | null;
  /** No complaint pending before a disciplinary body. */
  requireNoPendingComplaint?: boolean;
  /** Malpractice insurance with at least these limits, unless the mentor has an allowed exemption. */
  insurance?: {
    minimumPerClaim: number;
    minimumAggregate: number;
    exemptions: InsuranceExemption[];
  } | null;
  /** References: how many, and at most how many from one firm or employer. */
  references?: { count: number; maxFromSameFirm: number } | null;
  /** Mentor training completed, at most `validForMonths` ago (null: whenever). */
  training?: { name: string; validForMonths: number | null } | null;
}

export interface ReferenceAnswer {
  name: string;
  email: string;
  firm: string;
}

/** A mentor's answers to the eligibility questions; what the program's rules do not ask stays absent. */
export interface EligibilityAnswers {
  goodStanding?: boolean;
  hasDiscipline?: boolean;
  /** Year of the most recent discipline, when there was any. */
  lastDisciplineYear?: number | null;
  hasPendingComplaint?: boolean;
  insurance?: {
    exemption: InsuranceExemption | null;
    carrier: string;
    perClaim: number | null;
    aggregate: number | null;
  };
  references?: ReferenceAnswer[];
  /** `YYYY-MM-DD`, or null when not yet completed. */
  trainingCompletedOn?: string | null;
}

export const ELIGIBILITY_RULE_IDS = [
  'minimum_years_admitted',
  'good_standing',
  'no_discipline',
  'no_pending_complaint',
  'insurance',
  'references',
  'training',
] as const;
export type EligibilityRuleId = (typeof ELIGIBILITY_RULE_IDS)[number];

export type RuleOutcome = 'pass' | 'fail' | 'needs_review';

export interface RuleResult {
  id: EligibilityRuleId;
  label: string;
  outcome: RuleOutcome;
  reason: string;
  reviewedBy?: string;
  reviewedAt?: string;
  reviewNote?: string;
}

export interface EligibilityResult {
  status: MentorEligibilityStatus;
  rules: RuleResult[];
}

/** Which rule ids a program's rules turn on, in order. */
export function activeRuleIds(rules: EligibilityRules): EligibilityRuleId[] {
  const on: Record<EligibilityRuleId, boolean> = {
    minimum_years_admitted: typeof rules.minimumYearsAdmitted === 'number',
    good_standing: rules.requireGoodStanding === true,
    no_discipline: !!rules.noDiscipline,
    no_pending_complaint: rules.requireNoPendingComplaint === true,
    insurance: !!rules.insurance,
    references: !!rules.references,
    training: !!rules.training,
  };
  return ELIGIBILITY_RULE_IDS.filter((id) => on[id]);
}

/** Whether a program has any eligibility rule (otherwise applications carry no evaluation). */
export function hasEligibilityRules(rules: EligibilityRules): boolean {
  return activeRuleIds(rules).length > 0;
}

/** The eligibility questions a mentor application asks under these rules (keys of EligibilityAnswers). */
export function eligibilityQuestions(rules: EligibilityRules): Array<keyof EligibilityAnswers> {
  const questions: Array<keyof EligibilityAnswers> = [];
  if (rules.requireGoodStanding) questions.push('goodStanding');
  if (rules.noDiscipline) questions.push('hasDiscipline', 'lastDisciplineYear');
  if (rules.requireNoPendingComplaint) questions.push('hasPendingComplaint');
  if (rules.insurance) questions.push('insurance');
  if (rules.references) questions.push('references');
  if (rules.training) questions.push('trainingCompletedOn');
  return questions;
}

const money = (amount: number) => `$${amount.toLocaleString('en-US')}`;

/** Whole years from the ISO date `from` to `at`. */
function yearsBetween(from: string, at: Date): number {
  const start = new Date(`${from}T00:00:00Z`);
  let years = at.getUTCFullYear() - start.getUTCFullYear();
  const beforeAnniversary =
    at.getUTCMonth() < start.getUTCMonth() ||
    (at.getUTCMonth() === start.getUTCMonth() && at.getUTCDate() < start.getUTCDate());
  if (beforeAnniversary) years -= 1;
  return years;
}

function monthsBetween(from: string, at: Date): number {
  const start = new Date(`${from}T00:00:00Z`);
  return (at.getUTCFullYear() - start.getUTCFullYear()) * 12 + (at.getUTCMonth() - start.getUTCMonth());
}

type Evaluate = (
  rules: EligibilityRules,
  answers: EligibilityAnswers,
  built: StoredAnswers,
  at: Date,
) => { outcome: RuleOutcome; reason: string };

const EVALUATORS: Record<
  EligibilityRuleId,
  { label: (rules: EligibilityRules) => string; evaluate: Evaluate }
> = {
  minimum_years_admitted: {
    label: (rules) => `At least ${rules.minimumYearsAdmitted} years since admission`,
    evaluate: (rules, _answers, built, at) => {
      const minimum = rules.minimumYearsAdmitted!;
      const years =
        typeof built.admission_date === 'string'
          ? yearsBetween(built.admission_date, at)
          : typeof built.years_of_practice === 'number'
            ? built.years_of_practice
            : null;
      if (years === null)
        return { outcome: 'needs_review', reason: 'No admission date or years of practice given' };
      return years >= minimum
        ? { outcome: 'pass', reason: `${years} years since admission` }
        : { outcome: 'fail', reason: `${years} years since admission; the program asks for ${minimum}` };
    },
  },
  good_standing: {
    label: () => 'In good standing',
    evaluate: (_rules, answers) => {
      if (answers.goodStanding === undefined) return { outcome: 'needs_review', reason: 'Not answered' };
      return answers.goodStanding
        ? { outcome: 'pass', reason: 'Attested good standing' }
        : { outcome: 'fail', reason: 'Did not attest good standing' };
    },
  },
  no_discipline: {
    label: (rules) =>
      rules.noDiscipline!.withinYears === null
        ? 'No public discipline ever'
        : `No public discipline in the last ${rules.noDiscipline!.withinYears} years`,
    evaluate: (rules, answers, _built, at) => {
      if (answers.hasDiscipline === undefined) return { outcome: 'needs_review', reason: 'Not answered' };
      if (!answers.hasDiscipline) return { outcome: 'pass', reason: 'No discipline reported' };
      const within = rules.noDiscipline!.withinYears;
      if (within === null) return { outcome: 'fail', reason: 'Reported past discipline' };
      const year = answers.lastDisciplineYear;
      if (typeof year !== 'number') {
        return { outcome: 'needs_review', reason: 'Reported discipline without its year' };
      }
      const yearsAgo = at.getUTCFullYear() - year;
      return yearsAgo < within
        ? { outcome: 'fail', reason: `Discipline in ${year}, within the last ${within} years` }
        : { outcome: 'pass', reason: `Last discipline in ${year}, more than ${within} years ago` };
    },
  },
  no_pending_complaint: {
    label: () => 'No pending complaint',
    evaluate: (_rules, answers) => {
      if (answers.hasPendingComplaint === undefined)
        return { outcome: 'needs_review', reason: 'Not answered' };
      return answers.hasPendingComplaint
        ? { outcome: 'fail', reason: 'Reported a pending complaint' }
        : { outcome: 'pass', reason: 'No pending complaint reported' };
    },
  },
  insurance: {
    label: (rules) =>
      `Malpractice insurance of at least ${money(rules.insurance!.minimumPerClaim)} per claim / ${money(rules.insurance!.minimumAggregate)} aggregate`,
    evaluate: (rules, answers) => {
      const rule = rules.insurance!;
      const insurance = answers.insurance;
      if (!insurance) return { outcome: 'needs_review', reason: 'Not answered' };
      if (insurance.exemption) {
        const label = insurance.exemption.replace('_', '-');
        return rule.exemptions.includes(insurance.exemption)
          ? { outcome: 'pass', reason: `Exempt: ${label} lawyer` }
          : { outcome: 'fail', reason: `The program does not accept the ${label} exemption` };
      }
      if (insurance.carrier.trim() === '') return { outcome: 'fail', reason: 'No insurance carrier given' };
      if (insurance.perClaim === null || insurance.aggregate === null) {
        return { outcome: 'needs_review', reason: `Insured with ${insurance.carrier}; limits not given` };
      }
      const short: string[] = [];
      if (insurance.perClaim < rule.minimumPerClaim) short.push(`${money(insurance.perClaim)} per claim`);
      if (insurance.aggregate < rule.minimumAggregate) short.push(`${money(insurance.aggregate)} aggregate`);
      return short.length > 0
        ? { outcome: 'fail', reason: `Limits below the minimum: ${short.join(', ')}` }
        : {
            outcome: 'pass',
            reason: `Insured with ${insurance.carrier}: ${money(insurance.perClaim)} / ${money(insurance.aggregate)}`,
          };
    },
  },
  references: {
    label: (rules) =>
      `${rules.references!.count} references, at most ${rules.references!.maxFromSameFirm} from the same firm`,
    evaluate: (rules, answers) => {
      const rule = rules.references!;
      const references = answers.references ?? [];
      if (references.length < rule.count) {
        return { outcome: 'fail', reason: `${references.length} of ${rule.count} references given` };
      }
      const perFirm = new Map<string, { name: string; count: number }>();
      for (const reference of references) {
        const key = normalizeEmployer(reference.firm);
        if (key === '') continue;
        const entry = perFirm.get(key) ?? { name: reference.firm.trim(), count: 0 };
        entry.count += 1;
        perFirm.set(key, entry);
      }
      const crowded = [...perFirm.values()].find((entry) => entry.count > rule.maxFromSameFirm);
      if (crowded) {
        return {
          outcome: 'fail',
          reason: `${crowded.count} references from ${crowded.name}; at most ${rule.maxFromSameFirm} may come from one firm`,
        };
      }
      if (references.some((reference) => reference.firm.trim() === '')) {
        return { outcome: 'needs_review', reason: 'A reference has no firm or employer' };
      }
      return { outcome: 'pass', reason: `${references.length} references from ${perFirm.size} firms` };
    },
  },
  training: {
    label: (rules) => `${rules.training!.name} completed`,
    evaluate: (rules, answers, _built, at) => {
      const done = answers.trainingCompletedOn;
      if (done === undefined) return { outcome: 'needs_review', reason: 'Not answered' };
      if (done === null) return { outcome: 'fail', reason: `${rules.training!.name} not completed yet` };
      const validFor = rules.training!.validForMonths;
      if (validFor !== null && monthsBetween(done, at) > validFor) {
        return { outcome: 'fail', reason: `Completed on ${done}, more than ${validFor} months ago` };
      }
      return { outcome: 'pass', reason: `Completed on ${done}` };
    },
  },
};

/** The status of a set of rule results: ineligible if any fails, pending if any needs review. */
export function eligibilityStatus(rules: readonly RuleResult[]): MentorEligibilityStatus {
  if (rules.some((rule) => rule.outcome === 'fail')) return 'ineligible';
  if (rules.some((rule) => rule.outcome === 'needs_review')) return 'pending';
  return 'eligible';
}

/**
 * Evaluates every active rule against a mentor's answers at `at`. A coordinator's earlier review of a rule
 * (in `previous`) is kept when the fresh evaluation still needs review for the same reason.
 */
export function evaluateEligibility(
  rules: EligibilityRules,
  answers: StoredAnswers,
  at: Date,
  previous?: EligibilityResult | null,
): EligibilityResult {
  const eligibilityAnswers = (answers.eligibility ?? {}) as EligibilityAnswers;
  const results = activeRuleIds(rules).map((id): RuleResult => {
    const evaluator = EVALUATORS[id];
    const fresh = {
      id,
      label: evaluator.label(rules),
      ...evaluator.evaluate(rules, eligibilityAnswers, answers, at),
    };
    const before = previous?.rules.find((rule) => rule.id === id);
    if (fresh.outcome === 'needs_review' && before?.reviewedAt && before.reason === fresh.reason)
      return before;
    return fresh;
  });
  return { status: eligibilityStatus(results), rules: results };
}

/** A coordinator's decision on a rule that needs review: pass or fail, with a note. */
export function reviewRule(
  result: EligibilityResult,
  ruleId: string,
  review: { outcome: 'pass' | 'fail'; note: string; reviewedBy: string; at: Date },
): EligibilityResult | null {
  const index = result.rules.findIndex((rule) => rule.id === ruleId);
  if (index < 0) return null;
  const rules = result.rules.map((rule, i) =>
    i === index
      ? {
          ...rule,
          outcome: review.outcome,
          reviewedBy: review.reviewedBy,
          reviewedAt: review.at.toISOString(),
          reviewNote: review.note,
        }
      : rule,
  );
  return { status: eligibilityStatus(rules), rules };
}
