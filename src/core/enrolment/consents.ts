/**
 * Consent to sensitive answers (the affinity built-in, custom questions marked sensitive). An answer is
 * stored only beside a consent recorded for it: when, and to which statement. Consent given earlier is
 * kept as it was; consent withdrawn drops the answer.
 */
import type { FieldIssue } from '../errors.ts';
import type { AnswerConsent } from './matching-profile.ts';

/** The statement an applicant agrees to when they tick the consent box of a sensitive question. */
export const CONSENT_STATEMENT =
  'I agree that this answer is stored and used only to match me in this program, is never shown to other participants, and can be withdrawn at any time.';

export interface ReconcileConsentsInput {
  /** The answers as submitted (already validated against the form). */
  answers: Readonly<Record<string, unknown>>;
  /** Ids of the sensitive questions the applicant consents to now. */
  consentedIds: readonly string[];
  /** Ids of the form's sensitive questions. */
  sensitiveIds: readonly string[];
  /** Consents recorded before (an update); empty for a new application. */
  previous: Readonly<Record<string, AnswerConsent | undefined>>;
  now: Date;
}

export interface ReconciledConsents {
  answers: Record<string, unknown>;
  consents: Record<string, AnswerConsent>;
  issues: FieldIssue[];
}

/**
 * Pairs sensitive answers with consent. A sensitive answer without consent is refused (an issue on
 * `answers.<id>`), unless consent had been given before: then it is a withdrawal and the answer is
 * dropped. Consent to a question without an answer records nothing.
 */
export function reconcileConsents(input: ReconcileConsentsInput): ReconciledConsents {
  const answers: Record<string, unknown> = { ...input.answers };
  const consents: Record<string, AnswerConsent> = {};
  const issues: FieldIssue[] = [];
  const consented = new Set(input.consentedIds);
  const sensitive = new Set(input.sensitiveIds);
  for (const id of consented) {
    if (!sensitive.has(id))
      issues.push({ path: `consents`, message: `${id} is not a question that needs consent` });
  }
  for (const id of input.sensitiveIds) {
    if (!Object.hasOwn(answers, id)) continue;
    if (consented.has(id)) {
      consents[id] = input.previous[id] ?? { givenAt: input.now.toISOString(), statement: CONSENT_STATEMENT };
    } else if (input.previous[id]) {
      delete answers[id];
    } else {
      issues.push({
        path: `answers.${id}`,
        message: 'this answer needs your explicit consent; tick the consent box or leave it empty',
      });
    }
  }
  return { answers, consents, issues };
}
