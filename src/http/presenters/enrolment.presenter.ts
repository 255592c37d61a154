/** The only way applications, forms and rankings leave the server, with what the viewer may do. */
import type { ApplicationForms } from '../../app/enrolment/get-application-forms.ts';
import type { ApplicationEventRecord } from '../../app/enrolment/get-application.ts';
import {
  storedEligibility,
  type ApplicationFormRow,
  type ApplicationRecord,
  type CohortRow,
} from '../../app/enrolment/records.ts';
import type {
  Application,
  ApplicationForm,
  ApplicationSummary,
  FormQuestion,
} from '../../contracts/enrolment.ts';
import { BUILT_IN_CATALOGUE } from '../../contracts/enrolment.ts';
import type { AnswerConsent } from '../../core/enrolment/matching-profile.ts';
import { availableDecisions } from '../../core/enrolment/application-status.ts';
import {
  canDecideApplication,
  canRankFrom,
  canUpdateApplication,
  canWithdrawApplication,
} from '../../core/policies/enrolment.ts';
import type { ProgramRow } from '../../app/programs/program-access.ts';

export function presentForm(form: ApplicationFormRow): ApplicationForm {
  return {
    id: form.id,
    programId: form.programId,
    role: form.role,
    version: form.version,
    questions: form.questions as FormQuestion[],
    createdAt: form.createdAt.toISOString(),
  };
}

export function presentForms(forms: ApplicationForms) {
  return {
    forms: {
      mentor: forms.mentor ? presentForm(forms.mentor) : null,
      mentee: forms.mentee ? presentForm(forms.mentee) : null,
    },
    catalogue: BUILT_IN_CATALOGUE,
    requirements: forms.requirements,
    can: { edit: forms.canEdit },
  };
}

function decisionsFor(record: ApplicationRecord) {
  return canDecideApplication(record.viewer) ? availableDecisions(record.application.status) : [];
}

/** An application in full, for its applicant or the program's coordinators. */
export function presentApplication(record: ApplicationRecord): Application {
  const { application, viewer } = record;
  return {
    id: application.id,
    organizationId: application.organizationId,
    programId: application.programId,
    programName: record.program.name,
    cohortId: application.cohortId,
    cohortName: record.cohortName,
    role: application.role,
    status: application.status,
    applicant: record.applicant,
    formId: application.formId,
    formVersion: record.formVersion,
    answers: application.answers,
    consents: application.consents as Record<string, AnswerConsent>,
    eligibility: storedEligibility(application),
    capacity: application.capacity,
    decisionMessage: application.decisionMessage,
    decidedAt: application.decidedAt?.toISOString() ?? null,
    submittedAt: application.submittedAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
    can: {
      update: canUpdateApplication(viewer, application),
      withdraw: canWithdrawApplication(viewer, application),
      decide: decisionsFor(record),
      reviewEligibility: canDecideApplication(viewer) && application.eligibility !== null,
      rank: canRankFrom(viewer, application, record.program),
    },
  };
}

/** An application as a row of the review queue: no answers. */
export function presentApplicationSummary(record: ApplicationRecord): ApplicationSummary {
  const { application } = record;
  return {
    id: application.id,
    cohortId: application.cohortId,
    cohortName: record.cohortName,
    role: application.role,
    status: application.status,
    applicant: record.applicant,
    eligibilityStatus: storedEligibility(application)?.status ?? null,
    submittedAt: application.submittedAt.toISOString(),
    decidedAt: application.decidedAt?.toISOString() ?? null,
    can: { decide: decisionsFor(record) },
  };
}

export function presentApplicationEvent(event: ApplicationEventRecord) {
  return { ...event, createdAt: event.createdAt.toISOString() };
}

export function presentCohort(cohort: CohortRow) {
  return {
    id: cohort.id,
    name: cohort.name,
    state: cohort.state,
    enrolmentOpensOn: cohort.enrolmentOpensOn,
    enrolmentClosesOn: cohort.enrolmentClosesOn,
  };
}

export function presentProgramSummary(program: ProgramRow) {
  return {
    id: program.id,
    organizationId: program.organizationId,
    name: program.name,
    description: program.description,
    format: program.format,
    enrolmentMode: program.enrolmentMode,
    expectations: program.expectations,
  };
}
