/**
 * Enrolment contracts: application forms (and the answer schema built from a form version), eligibility
 * rules and answers, applications, the review queue, decisions, rankings and the open sign-up link.
 */
import { z } from 'zod';
import { BUILT_IN_QUESTION_IDS, BUILT_IN_QUESTIONS } from '../core/enrolment/built-in-questions.ts';
import {
  ELIGIBILITY_RULE_IDS,
  INSURANCE_EXEMPTIONS,
  eligibilityQuestions,
  type EligibilityRules as EligibilityRulesValue,
} from '../core/enrolment/eligibility.ts';
import { APPLICATION_DECISIONS } from '../core/enrolment/application-status.ts';
import {
  CUSTOM_QUESTION_TYPES,
  ELIGIBILITY_ANSWER_KEY,
  FORM_LIMITS,
  validateFormQuestions,
} from '../core/enrolment/form.ts';
import { APPLICATION_STATUSES, ENROLMENT_MODES, PROGRAM_ROLES } from '../core/programs/vocabulary.ts';
import { BUILT_IN_ANSWER_SCHEMAS } from './built-in-answers.ts';
import { IdParam, IdSchema, Timestamp } from './common.ts';

export const ProgramRole = z.enum(PROGRAM_ROLES).describe('mentor or mentee');
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export const ApplicationDecision = z
  .enum(APPLICATION_DECISIONS)
  .describe('approve, reject, waitlist, or request_changes (send back to the applicant)');
const isoDate = z.iso.date().describe('A date as YYYY-MM-DD');

// ---------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------

const label = z.string().trim().min(1, 'must not be empty').max(FORM_LIMITS.maxLabelLength);
const help = z.string().trim().max(FORM_LIMITS.maxHelpLength).default('');

export const BuiltInFormQuestion = z
  .object({
    kind: z.literal('built_in'),
    id: z.enum(BUILT_IN_QUESTION_IDS).describe('A built-in question that feeds matching'),
    required: z.boolean().default(false),
  })
  .strict();

export const CustomFormQuestion = z
  .object({
    kind: z.literal('custom'),
    id: z.string().trim().min(1).max(63).describe('snake_case, unique in the form'),
    type: z.enum(CUSTOM_QUESTION_TYPES),
    label,
    help,
    required: z.boolean().default(false),
    options: z
      .array(z.string().trim().max(FORM_LIMITS.maxChoiceLength))
      .max(FORM_LIMITS.maxChoices)
      .default([])
      .describe('The choices of a choice question'),
    scale: z
      .object({
        min: z.number().int().min(FORM_LIMITS.minScale).max(FORM_LIMITS.maxScale),
        max: z.number().int().min(FORM_LIMITS.minScale).max(FORM_LIMITS.maxScale),
        minLabel: z.string().trim().max(60).default(''),
        maxLabel: z.string().trim().max(60).default(''),
      })
      .strict()
      .nullable()
      .default(null)
      .describe('The range of a scale question, with labels for its ends'),
    isSensitive: z
      .boolean()
      .default(false)
      .describe('Answered only with explicit consent, recorded per answer; never required'),
  })
  .strict();

export const FormQuestion = z.discriminatedUnion('kind', [BuiltInFormQuestion, CustomFormQuestion]);
export type FormQuestion = z.infer<typeof FormQuestion>;

/** The questions of a form, with the structural rules of core (unique ids, choices ...). */
export const FormQuestions = z
  .array(FormQuestion)
  .max(FORM_LIMITS.maxQuestions)
  .superRefine((questions, context) => {
    for (const issue of validateFormQuestions(questions)) {
      const path = issue.path
        .split('.')
        .slice(1)
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      context.addIssue({ code: 'custom', message: issue.message, path });
    }
  });

export const SaveApplicationFormRequest = z
  .object({ questions: FormQuestions.describe('The questions, in the order the form shows them') })
  .strict();
export type SaveApplicationFormRequest = z.infer<typeof SaveApplicationFormRequest>;

export const ApplicationForm = z.object({
  id: IdSchema,
  programId: IdSchema,
  role: ProgramRole,
  version: z.number().int(),
  questions: z.array(FormQuestion),
  createdAt: Timestamp,
});
export type ApplicationForm = z.infer<typeof ApplicationForm>;

export const BuiltInQuestionInfo = z.object({
  id: z.enum(BUILT_IN_QUESTION_IDS),
  label: z.object({ mentor: z.string(), mentee: z.string() }),
  help: z.string(),
  isSensitive: z.boolean(),
  prefillsFromProfile: z.boolean(),
});
export type BuiltInQuestionInfo = z.infer<typeof BuiltInQuestionInfo>;

/** The built-in catalogue as clients show it. */
export const BUILT_IN_CATALOGUE: BuiltInQuestionInfo[] = BUILT_IN_QUESTIONS.map((question) => ({
  id: question.id,
  label: { mentor: question.label.mentor, mentee: question.label.mentee },
  help: question.help,
  isSensitive: question.isSensitive,
  prefillsFromProfile: question.prefillFrom !== undefined,
}));

export const ApplicationFormsResponse = z.object({
  forms: z.object({ mentor: ApplicationForm.nullable(), mentee: ApplicationForm.nullable() }),
  catalogue: z.array(BuiltInQuestionInfo),
  requirements: z
    .array(z.object({ id: z.enum(BUILT_IN_QUESTION_IDS), reason: z.string() }))
    .describe("Built-in questions the program's settings make required on both forms, and why"),
  can: z.object({ edit: z.boolean() }),
});
export const ApplicationFormResponse = z.object({ form: ApplicationForm });
export { ProgramParams } from './programs.ts';
export const ProgramRoleParams = z.object({ programId: IdParam, role: ProgramRole });

// ---------------------------------------------------------------------------------------------
// Eligibility
// ---------------------------------------------------------------------------------------------

const amount = z.number().int().min(0).max(1_000_000_000);

export const EligibilityRules = z
  .object({
    minimumYearsAdmitted: z.number().int().min(0).max(60).nullable().optional(),
    requireGoodStanding: z.boolean().optional(),
    noDiscipline: z
      .object({ withinYears: z.number().int().min(1).max(60).nullable() })
      .strict()
      .nullable()
      .optional()
      .describe('withinYears null: no discipline ever'),
    requireNoPendingComplaint: z.boolean().optional(),
    insurance: z
      .object({
        minimumPerClaim: amount,
        minimumAggregate: amount,
        exemptions: z.array(z.enum(INSURANCE_EXEMPTIONS)).max(3).default([]),
      })
      .strict()
      .nullable()
      .optional(),
    references: z
      .object({
        count: z.number().int().min(1).max(10),
        maxFromSameFirm: z.number().int().min(1).max(10),
      })
      .strict()
      .nullable()
      .optional(),
    training: z
      .object({
        name: z.string().trim().min(1).max(120),
        validForMonths: z.number().int().min(1).max(120).nullable().default(null),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .describe('Mentor eligibility rules; a rule left out is not checked');
export type EligibilityRules = z.infer<typeof EligibilityRules>;

export const EligibilityRulesResponse = z.object({
  rules: EligibilityRules,
  can: z.object({ edit: z.boolean() }),
});

const Reference = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(120),
    email: z.email().max(254),
    firm: z.string().trim().max(160).describe('Firm or employer'),
  })
  .strict();

const ELIGIBILITY_ANSWER_SCHEMAS = {
  goodStanding: z.boolean().describe('I am in good standing with every bar I am admitted to'),
  hasDiscipline: z.boolean().describe('I have been publicly disciplined'),
  lastDisciplineYear: z.number().int().min(1900).max(2100).nullable(),
  hasPendingComplaint: z.boolean().describe('A complaint against me is pending'),
  insurance: z
    .object({
      exemption: z.enum(INSURANCE_EXEMPTIONS).nullable(),
      carrier: z.string().trim().max(160).default(''),
      perClaim: amount.nullable().default(null),
      aggregate: amount.nullable().default(null),
    })
    .strict(),
  references: z.array(Reference).max(10),
  trainingCompletedOn: isoDate.nullable(),
} as const;

/** The eligibility answers a mentor gives under `rules` (each asked question required, the year optional). */
export function eligibilityAnswersSchema(rules: EligibilityRulesValue) {
  const shape: Record<string, z.ZodType> = {};
  for (const key of eligibilityQuestions(rules)) {
    const schema = ELIGIBILITY_ANSWER_SCHEMAS[key];
    shape[key] = key === 'lastDisciplineYear' ? schema.optional() : schema;
  }
  return z.object(shape).strict();
}

export const RuleResult = z.object({
  id: z.enum(ELIGIBILITY_RULE_IDS),
  label: z.string(),
  outcome: z.enum(['pass', 'fail', 'needs_review']),
  reason: z.string(),
  reviewedBy: z.string().optional(),
  reviewedAt: z.string().optional(),
  reviewNote: z.string().optional(),
});
export const EligibilityResult = z.object({
  status: z.enum(['eligible', 'pending', 'ineligible']),
  rules: z.array(RuleResult),
});

export const ReviewEligibilityRuleRequest = z
  .object({
    outcome: z.enum(['pass', 'fail']).describe('What the coordinator found'),
    note: z.string().trim().min(1, 'say what you checked').max(2000),
  })
  .strict();
export type ReviewEligibilityRuleRequest = z.infer<typeof ReviewEligibilityRuleRequest>;
export const EligibilityRuleParams = z.object({
  applicationId: IdParam,
  ruleId: z.enum(ELIGIBILITY_RULE_IDS),
});

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

function customAnswerSchema(question: Extract<FormQuestion, { kind: 'custom' }>): z.ZodType {
  switch (question.type) {
    case 'short_text':
      return z.string().trim().min(1, 'must not be empty').max(FORM_LIMITS.maxShortTextLength);
    case 'long_text':
      return z.string().trim().min(1, 'must not be empty').max(FORM_LIMITS.maxLongTextLength);
    case 'single_choice':
      return z.enum(question.options as [string, ...string[]]);
    case 'multiple_choice':
      return z
        .array(z.enum(question.options as [string, ...string[]]))
        .min(1, 'choose at least one')
        .refine((values) => new Set(values).size === values.length, 'a choice is listed twice');
    case 'scale':
      return z
        .number()
        .int()
        .min(question.scale?.min ?? 0)
        .max(question.scale?.max ?? 10);
    case 'yes_no':
      return z.boolean();
  }
}

/**
 * The answers schema of a form version: one key per question (required ones must be there), nothing
 * else; for a mentor under eligibility rules, their answers under `eligibility`.
 */
export function answersSchemaFor(
  questions: readonly FormQuestion[],
  eligibilityRules: EligibilityRulesValue | null = null,
) {
  const shape: Record<string, z.ZodType> = {};
  for (const question of questions) {
    const schema =
      question.kind === 'built_in'
        ? (BUILT_IN_ANSWER_SCHEMAS[question.id] as z.ZodType)
        : customAnswerSchema(question);
    shape[question.id] = question.required ? schema : schema.optional();
  }
  if (eligibilityRules) shape[ELIGIBILITY_ANSWER_KEY] = eligibilityAnswersSchema(eligibilityRules);
  return z.object(shape).strict();
}

const Answers = z
  .record(z.string().max(64), z.unknown())
  .describe('Answers keyed by question id, validated against the form version');
const ConsentIds = z
  .array(z.string().max(64))
  .max(FORM_LIMITS.maxQuestions)
  .default([])
  .describe('Ids of the sensitive questions whose answers you consent to store and use for matching');
const Capacity = z
  .number()
  .int()
  .min(1)
  .max(20)
  .nullable()
  .optional()
  .describe('Mentees you can take on in this program (mentors; null = the program default)');

export const SubmitApplicationRequest = z
  .object({
    role: ProgramRole,
    cohortId: IdSchema.optional().describe('The cohort applied to; the enrolling cohort if left out'),
    answers: Answers,
    consents: ConsentIds,
    capacity: Capacity,
  })
  .strict();
export type SubmitApplicationRequest = z.infer<typeof SubmitApplicationRequest>;

export const UpdateApplicationRequest = z
  .object({ answers: Answers, consents: ConsentIds, capacity: Capacity })
  .strict();
export type UpdateApplicationRequest = z.infer<typeof UpdateApplicationRequest>;

// ---------------------------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------------------------

export const Consent = z.object({ givenAt: z.string(), statement: z.string() });

export const Application = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  programId: IdSchema,
  programName: z.string(),
  cohortId: IdSchema,
  cohortName: z.string(),
  role: ProgramRole,
  status: ApplicationStatus,
  applicant: z.object({ userId: IdSchema, name: z.string(), email: z.string() }),
  formId: IdSchema,
  formVersion: z.number().int(),
  answers: z.record(z.string(), z.unknown()),
  consents: z.record(z.string(), Consent),
  eligibility: EligibilityResult.nullable(),
  capacity: z.number().int().nullable(),
  decisionMessage: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  submittedAt: Timestamp,
  updatedAt: Timestamp,
  can: z.object({
    update: z.boolean(),
    withdraw: z.boolean(),
    decide: z.array(ApplicationDecision).describe('The decisions the viewer may still make'),
    reviewEligibility: z.boolean(),
    rank: z.boolean(),
  }),
});
export type Application = z.infer<typeof Application>;

export const ApplicationEvent = z.object({
  id: IdSchema,
  action: z.string(),
  fromStatus: ApplicationStatus.nullable(),
  toStatus: ApplicationStatus.nullable(),
  message: z.string().nullable(),
  actor: z.object({ userId: IdSchema, name: z.string() }).nullable(),
  createdAt: Timestamp,
});

export const ApplicationResponse = z.object({ application: Application });
export const ApplicationDetailResponse = z.object({
  application: Application,
  questions: z.array(FormQuestion).describe('The form version the answers were given to'),
  events: z.array(ApplicationEvent).describe('The audit trail, oldest first'),
});
export const ApplicationParams = z.object({ applicationId: IdParam });
export const MyApplicationsResponse = z.object({ applications: z.array(Application) });

export const ApplicationSummary = z.object({
  id: IdSchema,
  cohortId: IdSchema,
  cohortName: z.string(),
  role: ProgramRole,
  status: ApplicationStatus,
  applicant: z.object({ userId: IdSchema, name: z.string(), email: z.string() }),
  eligibilityStatus: z.enum(['eligible', 'pending', 'ineligible']).nullable(),
  submittedAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  can: z.object({ decide: z.array(ApplicationDecision) }),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const FindApplicationsQuery = z
  .object({
    cohortId: IdParam.optional(),
    role: ProgramRole.optional(),
    status: ApplicationStatus.optional(),
    eligibility: z.enum(['eligible', 'pending', 'ineligible']).optional(),
    q: z.string().trim().max(100).optional().describe('Search in name and email'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type FindApplicationsQuery = z.infer<typeof FindApplicationsQuery>;

export const ApplicationQueueResponse = z.object({
  applications: z.array(ApplicationSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z
    .record(ApplicationStatus, z.number().int())
    .describe('Applications per status under the same filters, except status'),
});

const decisionShape = {
  decision: ApplicationDecision,
  message: z
    .string()
    .trim()
    .max(4000)
    .default('')
    .describe('Sent to the applicant; needed to reject or to request changes'),
};
const needsMessage = (value: { decision: string; message: string }, context: z.RefinementCtx) => {
  if ((value.decision === 'reject' || value.decision === 'request_changes') && value.message === '') {
    context.addIssue({
      code: 'custom',
      path: ['message'],
      message: 'tell the applicant why (a message is needed to reject or request changes)',
    });
  }
};

export const DecideApplicationRequest = z.object(decisionShape).strict().superRefine(needsMessage);
export type DecideApplicationRequest = z.infer<typeof DecideApplicationRequest>;
export const BulkDecisionRequest = z
  .object({
    applicationIds: z.array(IdParam).min(1, 'choose at least one application').max(500),
    ...decisionShape,
  })
  .strict()
  .superRefine(needsMessage);
export type BulkDecisionRequest = z.infer<typeof BulkDecisionRequest>;
export const BulkDecisionResponse = z.object({ applications: z.array(ApplicationSummary) });

// ---------------------------------------------------------------------------------------------
// Apply
// ---------------------------------------------------------------------------------------------

export const ApplyQuery = z.object({ role: ProgramRole.optional() }).strict();
export const Cohort = z.object({
  id: IdSchema,
  name: z.string(),
  state: z.string(),
  enrolmentOpensOn: z.string().nullable(),
  enrolmentClosesOn: z.string().nullable(),
});
export const ProgramSummary = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  description: z.string(),
  format: z.string(),
  enrolmentMode: z.string(),
  expectations: z.object({
    mentorResponsibilities: z.string(),
    menteeResponsibilities: z.string(),
    confidentialityStatement: z.string(),
  }),
});
export const ApplyContextResponse = z.object({
  program: ProgramSummary,
  cohort: Cohort.nullable().describe('The cohort open for applications now, if any'),
  role: ProgramRole,
  form: ApplicationForm.nullable(),
  catalogue: z.array(BuiltInQuestionInfo),
  prefill: z.record(z.string(), z.unknown()).describe('Built-in answers prefilled from your profile'),
  eligibilityRules: EligibilityRules.nullable().describe('Mentor eligibility rules (mentors only)'),
  consentStatement: z.string(),
  existing: Application.nullable().describe('Your live application to this cohort and role, if any'),
  enrolment: z
    .object({
      mode: z.enum(ENROLMENT_MODES),
      explanation: z.string().describe('The mode in one line'),
      canApply: z.boolean().describe('Whether you may apply to the open cohort in this role'),
      reason: z.string().nullable().describe('Why not, naming the rule'),
      approvesOnSubmit: z
        .boolean()
        .describe('Open link: approved on submission (mentors only when every eligibility rule passes)'),
    })
    .describe('How this program enrols, and whether you may apply'),
});

// ---------------------------------------------------------------------------------------------
// Rankings
// ---------------------------------------------------------------------------------------------

export const SetRankingsRequest = z
  .object({
    rankedApplicationIds: z
      .array(IdParam)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'a candidate is ranked twice')
      .describe('Candidates, first choice first'),
  })
  .strict();
export type SetRankingsRequest = z.infer<typeof SetRankingsRequest>;
export const RankingCandidate = z.object({ applicationId: IdSchema, name: z.string() });
export const RankingsResponse = z.object({
  rankings: z.array(RankingCandidate.extend({ rank: z.number().int() })),
  candidates: z.array(RankingCandidate).describe('Everyone you may rank: the approved other side'),
  maxRankings: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});

// ---------------------------------------------------------------------------------------------
// Open sign-up link
// ---------------------------------------------------------------------------------------------

export const OpenLinkResponse = z.object({
  url: z.string().describe('The link to share; it replaces any earlier one and is shown only now'),
  token: z.string(),
});
export const EnrolTokenParams = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not a sign-up link token'),
});
export const EnrolPreviewResponse = z.object({
  organization: z.object({ id: IdSchema, name: z.string() }),
  program: z.object({ id: IdSchema, name: z.string(), description: z.string(), format: z.string() }),
  cohort: Cohort.nullable(),
  isMember: z.boolean().nullable().describe('Whether you already belong (null when not signed in)'),
});
export const EnrolJoinResponse = z.object({ organizationId: IdSchema, programId: IdSchema });
