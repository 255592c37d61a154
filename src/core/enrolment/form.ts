/**
 * The application-form model. A form version is an ordered list of questions for one program and role:
 * built-in questions (the catalogue in built-in-questions.ts, which feed matching) and custom ones the
 * coordinator writes. A saved form is never changed: saving makes a new version, and an application keeps
 * the version it answered (ADR 015).
 */
import type { FieldIssue } from '../errors.ts';
import type { InsideOutsideRule } from '../programs/vocabulary.ts';
import { builtInQuestion, isBuiltInQuestionId, type BuiltInQuestionId } from './built-in-questions.ts';

export const CUSTOM_QUESTION_TYPES = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'scale',
  'yes_no',
] as const;
export type CustomQuestionType = (typeof CUSTOM_QUESTION_TYPES)[number];

/** Limits of a form, checked by `validateFormQuestions` and the contracts. */
export const FORM_LIMITS = {
  maxQuestions: 60,
  maxChoices: 30,
  maxLabelLength: 300,
  maxHelpLength: 1000,
  maxChoiceLength: 120,
  maxShortTextLength: 300,
  maxLongTextLength: 5000,
  minScale: 0,
  maxScale: 10,
} as const;

/**
 * Answer keys no custom question may take: the built-in ids, and `eligibility`, under which a mentor
 * application stores its answers to the program's eligibility questions.
 */
export const ELIGIBILITY_ANSWER_KEY = 'eligibility';

export interface BuiltInFormQuestion {
  kind: 'built_in';
  id: BuiltInQuestionId;
  required: boolean;
}

export interface CustomFormQuestion {
  kind: 'custom';
  /** Stable within the program's forms: `snake_case`, chosen by the builder. */
  id: string;
  type: CustomQuestionType;
  label: string;
  help: string;
  required: boolean;
  /** The choices of a single or multiple choice question; empty for the other types. */
  options: string[];
  /** The range and end labels of a scale question; null for the other types. */
  scale: { min: number; max: number; minLabel: string; maxLabel: string } | null;
  /** Stored and used only with the applicant's explicit consent, recorded per answer. */
  isSensitive: boolean;
}

export type FormQuestion = BuiltInFormQuestion | CustomFormQuestion;

/** Whether answering `question` needs explicit consent (the affinity built-in, or a sensitive custom one). */
export function isSensitiveQuestion(question: FormQuestion): boolean {
  return question.kind === 'built_in' ? question.id === 'affinity' : question.isSensitive;
}

const CUSTOM_ID = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Every problem of a form's questions, each naming its path (`questions.2.options.1`): ids unique and not
 * reserved, choices non-empty and unique, scale ranges sensible, sensitive questions optional.
 */
export function validateFormQuestions(questions: readonly FormQuestion[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path: `questions.${path}`, message });
  if (questions.length > FORM_LIMITS.maxQuestions) {
    issues.push({ path: 'questions', message: `a form has at most ${FORM_LIMITS.maxQuestions} questions` });
  }
  const seen = new Set<string>();
  questions.forEach((question, index) => {
    if (seen.has(question.id)) issue(`${index}.id`, `the id ${question.id} is used twice`);
    seen.add(question.id);
    if (question.kind === 'built_in') {
      if (!isBuiltInQuestionId(question.id))
        issue(`${index}.id`, `${String(question.id)} is not a built-in question`);
      if (question.id === 'affinity' && question.required) {
        issue(`${index}.required`, 'a question that needs consent cannot be required');
      }
      return;
    }
    if (!CUSTOM_ID.test(question.id)) {
      issue(`${index}.id`, 'must be lower-case letters, digits and _, starting with a letter');
    } else if (isBuiltInQuestionId(question.id) || question.id === ELIGIBILITY_ANSWER_KEY) {
      issue(`${index}.id`, `${question.id} is reserved; choose another id`);
    }
    if (question.label.trim() === '') issue(`${index}.label`, 'must not be empty');
    if (question.isSensitive && question.required) {
      issue(`${index}.required`, 'a question that needs consent cannot be required');
    }
    const isChoice = question.type === 'single_choice' || question.type === 'multiple_choice';
    if (isChoice) {
      if (question.options.length === 0) issue(`${index}.options`, 'add at least one choice');
      const choices = new Set<string>();
      question.options.forEach((option, optionIndex) => {
        const key = option.trim().toLowerCase();
        if (key === '') issue(`${index}.options.${optionIndex}`, 'must not be empty');
        else if (choices.has(key))
          issue(`${index}.options.${optionIndex}`, `the choice "${option}" is listed twice`);
        choices.add(key);
      });
    } else if (question.options.length > 0) {
      issue(`${index}.options`, 'only choice questions have choices');
    }
    if (question.type === 'scale') {
      if (!question.scale) issue(`${index}.scale`, 'a scale question needs its range');
      else if (question.scale.min >= question.scale.max)
        issue(`${index}.scale.max`, 'must be above the minimum');
    } else if (question.scale) {
      issue(`${index}.scale`, 'only scale questions have a range');
    }
  });
  return issues;
}

/** What a program's settings demand of its forms. */
export interface FormProgramSettings {
  insideOutsideRule: InsideOutsideRule;
}

const RULE_WORDS: Readonly<Record<InsideOutsideRule, string>> = {
  must_be_inside: 'mentors must come from the mentee\u2019s own organization',
  must_be_outside: 'mentors must come from outside the mentee\u2019s organization',
  either: '',
};

/** A built-in question a program's settings make required on both forms, and why. */
export interface FormRequirement {
  id: BuiltInQuestionId;
  reason: string;
}

/**
 * The built-in questions a program's settings make required on both forms: `employer` whenever an
 * inside/outside rule is set, since the rule compares employers and cannot work without them.
 */
export function programFormRequirements(program: FormProgramSettings): FormRequirement[] {
  if (program.insideOutsideRule === 'either') return [];
  return [
    {
      id: 'employer',
      reason: `this program\u2019s rule says ${RULE_WORDS[program.insideOutsideRule]}, which compares employers`,
    },
  ];
}

/** The ids of `programFormRequirements`. */
export function requiredBuiltInQuestions(program: FormProgramSettings): BuiltInQuestionId[] {
  return programFormRequirements(program).map((requirement) => requirement.id);
}

/**
 * Every problem of a form under its program's settings (beside `validateFormQuestions`): each question
 * the settings need must be there and required; the issue names the question and the rule.
 */
export function validateFormForProgram(
  questions: readonly FormQuestion[],
  program: FormProgramSettings,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const { id, reason: why } of programFormRequirements(program)) {
    const index = questions.findIndex((question) => question.kind === 'built_in' && question.id === id);
    const what = `the built-in question ${id} (\u201c${builtInQuestion(id).label.mentee}\u201d)`;
    if (index < 0) {
      issues.push({ path: 'questions', message: `add ${what} as a required question: ${why}` });
    } else if (!questions[index].required) {
      issues.push({ path: `questions.${index}.required`, message: `${what} must be required: ${why}` });
    }
  }
  return issues;
}
