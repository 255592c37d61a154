/**
 * The applicant's employer (current firm or organization), as the inside/outside mentoring rule and the
 * reference rule compare it: one normalisation and one lookup, used by match runs, self-match and
 * eligibility alike, so that "Smith & Jones LLP" and "smith and jones" are the same firm everywhere.
 */
import type { StoredAnswers } from './built-in-questions.ts';

/**
 * Custom question ids that older forms used for the employer before the built-in `employer` question
 * existed; read only when the built-in answer is absent.
 */
export const LEGACY_EMPLOYER_ANSWER_IDS = ['employer', 'organization', 'firm'] as const;

/** Legal-form suffixes and filler words that do not tell two firms apart. */
const NOISE =
  /\b(llp|llc|lp|pllc|pc|plc|inc|incorporated|ltd|limited|corp|corporation|co|company|the|and|of)\b/g;

/**
 * A firm or organization name reduced to what identifies it: lower case, `&` and punctuation as spaces,
 * legal-form suffixes (LLP, Ltd, Inc …) and filler words dropped, whitespace collapsed. '' when nothing
 * is left.
 */
export function normalizeEmployer(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(NOISE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The employer the applicant named: the built-in `employer` answer, else a legacy custom answer, else null. */
export function employerAnswer(answers: StoredAnswers): string | null {
  for (const id of LEGACY_EMPLOYER_ANSWER_IDS) {
    const value = answers[id];
    if (typeof value === 'string' && normalizeEmployer(value) !== '') return value.trim();
  }
  return null;
}

/**
 * The organization id the matching engine compares for inside/outside rules: `employer:<normalised
 * name>` when the applicant named an employer, otherwise the program's organization (someone who named
 * none counts as inside it, as in an in-house program).
 */
export function employerOrganizationId(answers: StoredAnswers, programOrganizationId: string): string {
  const named = employerAnswer(answers);
  return named === null ? programOrganizationId : `employer:${normalizeEmployer(named)}`;
}
