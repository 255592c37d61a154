/**
 * The demo's programs, made through the same use cases a coordinator's clicks call, inside the demo's
 * seeding transaction: the Cascadia Bar's new-lawyer program in the matching state (64 new lawyers and
 * 27 generated volunteer mentors plus the demo people who mentor there, all approved, and one draft match
 * run to review), and Hale & Ward's associate program running with published relationships.
 *
 * Applications are written directly (approved, with an event trail), because they stand for an intake
 * that already happened; everything else — programs, cohorts, forms, state moves, runs, publication —
 * goes through src/app, so the demo shows what the product makes.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { CreateProgramRequest, type CohortInput } from '../../contracts/programs.ts';
import {
  prefillAnswers,
  type BuiltInAnswers,
  type BuiltInQuestionId,
} from '../../core/enrolment/built-in-questions.ts';
import { requiredBuiltInQuestions } from '../../core/enrolment/form.ts';
import type { InsideOutsideRule, ProgramRole } from '../../core/programs/vocabulary.ts';
import { applicationEvents, applications, cohorts, memberProfiles, memberships } from '../../db/schema.ts';
import { insertPasswordUser } from '../accounts/password-users.ts';
import type { Actor, AppContext } from '../context.ts';
import { saveApplicationForm } from '../enrolment/save-application-form.ts';
import { createMatchRun } from '../match-runs/create-match-run.ts';
import { publishMatchRun } from '../match-runs/publish-match-run.ts';
import { createProgram } from '../programs/create-program.ts';
import { transitionCohort } from '../programs/transition-cohort.ts';
import { generateDemoCohort } from './demo-cohort.ts';
import { DEMO_ORGANIZATIONS, DEMO_PEOPLE, type DemoOrganizationKey, type DemoPerson } from './demo-data.ts';
import { demoId } from './seed-demo.ts';

/** New lawyers and volunteer mentors generated for the bar's program (beside the demo people). */
export const DEMO_GENERATED_MENTEES = 64;
export const DEMO_GENERATED_MENTORS = 27;
/** Every account the demo makes: the named demo people and the generated ones. */
export const DEMO_USER_COUNT = DEMO_PEOPLE.length + DEMO_GENERATED_MENTEES + DEMO_GENERATED_MENTORS;

const FORM_QUESTIONS: readonly BuiltInQuestionId[] = [
  'practice_areas',
  'skills',
  'career_goals',
  'years_of_practice',
  'jurisdictions_of_admission',
  'languages',
  'location',
  'employer',
  'time_zone',
  'availability',
  'meeting_format',
  'communication_style',
  'affinity',
];
const REQUIRED: ReadonlySet<BuiltInQuestionId> = new Set([
  'practice_areas',
  'years_of_practice',
  'time_zone',
]);

export interface SeedDemoProgramsResult {
  generatedPeople: number;
  programs: number;
  applications: number;
  relationships: number;
}

interface Applicant {
  userId: string;
  membershipId: string;
  role: ProgramRole;
  capacity: number | null;
  answers: Partial<BuiltInAnswers>;
}

function actorOf(person: DemoPerson): Actor {
  return {
    userId: demoId('user', person.key),
    email: person.email,
    name: person.name,
    isPlatformAdmin: person.isPlatformAdmin,
    authenticatedBy: 'session',
  };
}

function person(key: string): DemoPerson {
  const found = DEMO_PEOPLE.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`demo person ${key} is missing`);
  return found;
}

/** A demo person's answers: what their profile prefills, and sensible answers for the rest. */
function demoPersonApplicant(
  key: string,
  organization: DemoOrganizationKey,
  role: ProgramRole,
  now: Date,
): Applicant {
  const who = person(key);
  const membership = who.memberships.find((candidate) => candidate.organization === organization)!;
  const profile = { ...who.profile, ...membership.profile };
  const prefilled = prefillAnswers(profile, FORM_QUESTIONS, now);
  // The firm a person works at: their law firm's name when they belong to one.
  const firm = who.memberships
    .map((entry) => DEMO_ORGANIZATIONS.find((candidate) => candidate.key === entry.organization))
    .find((candidate) => candidate?.kind === 'law_firm');
  return {
    userId: demoId('user', key),
    membershipId: demoId('membership', `${organization}/${key}`),
    role,
    capacity: role === 'mentor' ? 2 : null,
    answers: {
      ...prefilled,
      ...(firm ? { employer: firm.name } : {}),
      years_of_practice: prefilled.years_of_practice ?? 0,
      time_zone: prefilled.time_zone ?? 'America/Los_Angeles',
      availability: [
        { day: 'tue', startMinute: 720, endMinute: 810 },
        { day: 'thu', startMinute: 1020, endMinute: 1110 },
      ],
      meeting_format: 'hybrid',
      communication_style: role === 'mentor' ? 'supportive' : 'structured',
    },
  };
}

async function insertApplications(
  tx: AppContext,
  input: {
    organizationId: string;
    programId: string;
    cohortId: string;
    formIds: Record<ProgramRole, string>;
    decidedBy: string;
  },
  applicants: readonly Applicant[],
  now: Date,
): Promise<void> {
  const rows = applicants.map((applicant) => ({
    id: randomUUID(),
    organizationId: input.organizationId,
    programId: input.programId,
    cohortId: input.cohortId,
    userId: applicant.userId,
    membershipId: applicant.membershipId,
    role: applicant.role,
    formId: input.formIds[applicant.role],
    answers: applicant.answers,
    consents: {},
    status: 'approved' as const,
    capacity: applicant.capacity,
    decidedByUserId: input.decidedBy,
    decidedAt: now,
    submittedAt: now,
    updatedAt: now,
  }));
  for (let start = 0; start < rows.length; start += 200) {
    await tx.db.insert(applications).values(rows.slice(start, start + 200));
  }
  const events = rows.flatMap((row) => [
    {
      id: randomUUID(),
      organizationId: input.organizationId,
      applicationId: row.id,
      actorUserId: row.userId,
      action: 'submitted',
      fromStatus: null,
      toStatus: 'submitted' as const,
      createdAt: now,
    },
    {
      id: randomUUID(),
      organizationId: input.organizationId,
      applicationId: row.id,
      actorUserId: input.decidedBy,
      action: 'approved',
      fromStatus: 'submitted' as const,
      toStatus: 'approved' as const,
      createdAt: now,
    },
  ]);
  for (let start = 0; start < events.length; start += 200) {
    await tx.db.insert(applicationEvents).values(events.slice(start, start + 200));
  }
}

async function setUpProgram(
  ctx: AppContext,
  organizationId: string,
  program: Record<string, unknown>,
  cohort: CohortInput,
): Promise<{ programId: string; cohortId: string; formIds: Record<ProgramRole, string> }> {
  const created = await createProgram(ctx, {
    organizationId,
    program: CreateProgramRequest.parse({ ...program, cohort }),
  });
  const [firstCohort] = await ctx.db
    .select({ id: cohorts.id })
    .from(cohorts)
    .where(eq(cohorts.programId, created.id));
  const formIds = {} as Record<ProgramRole, string>;
  // An inside/outside rule needs the employer question, required (ADR 015).
  const needed = new Set(
    requiredBuiltInQuestions({
      insideOutsideRule: (program['insideOutsideRule'] as InsideOutsideRule | undefined) ?? 'either',
    }),
  );
  for (const role of ['mentee', 'mentor'] as const) {
    const form = await saveApplicationForm(ctx, {
      programId: created.id,
      role,
      questions: FORM_QUESTIONS.map((id) => ({
        kind: 'built_in' as const,
        id,
        required: REQUIRED.has(id) || needed.has(id),
      })),
    });
    formIds[role] = form.id;
  }
  await transitionCohort(ctx, { programId: created.id, cohortId: firstCohort.id, to: 'enrolling' });
  return { programId: created.id, cohortId: firstCohort.id, formIds };
}

/**
 * Seeds the demo programs into the transaction `tx` (the demo's people and organizations must be in it
 * already). `passwordHash` is the demo password's hash, shared by the generated people.
 */
export async function seedDemoPrograms(
  tx: AppContext,
  input: { passwordHash: string },
): Promise<SeedDemoProgramsResult> {
  const now = tx.clock.now();
  const year = now.getUTCFullYear();
  const barId = demoId('organization', 'cascadia-bar');
  const firmId = demoId('organization', 'hale-ward');

  // --- The bar association's new-lawyer program: enrolled, approved, one draft run to review. --------
  const generated = generateDemoCohort({
    mentees: DEMO_GENERATED_MENTEES,
    mentors: DEMO_GENERATED_MENTORS,
    referenceYear: year + 1,
  });
  const generatedApplicants: Applicant[] = [];
  for (const applicant of generated) {
    const userId = await insertPasswordUser(
      tx.db,
      {
        id: demoId('user', `generated/${applicant.key}`),
        credentialAccountId: demoId('account', `generated/${applicant.key}`),
        name: applicant.name,
        email: applicant.email,
        passwordHash: input.passwordHash,
        isEmailVerified: true,
        isPlatformAdmin: false,
      },
      now,
    );
    const membershipId = demoId('membership', `cascadia-bar/generated/${applicant.key}`);
    await tx.db.insert(memberships).values({
      id: membershipId,
      organizationId: barId,
      userId,
      role: 'member',
      createdAt: now,
      updatedAt: now,
    });
    const answers = applicant.answers;
    await tx.db.insert(memberProfiles).values({
      membershipId,
      organizationId: barId,
      mentoringRole: applicant.side,
      headline:
        applicant.side === 'mentor'
          ? `Volunteer mentor, ${answers.years_of_practice} years in practice`
          : 'New lawyer',
      bio: '',
      practiceAreas: [...answers.practice_areas],
      jurisdictionsOfAdmission: [...answers.jurisdictions_of_admission],
      admissionYear: answers.admission_date ? Number(answers.admission_date.slice(0, 4)) : null,
      languages: [...answers.languages],
      office: answers.location,
      timeZone: answers.time_zone,
      updatedAt: now,
    });
    generatedApplicants.push({
      userId,
      membershipId,
      role: applicant.side,
      capacity: applicant.side === 'mentor' ? applicant.capacity : null,
      answers,
    });
  }

  const marcus = tx.withActor(actorOf(person('marcus-bell')));
  const bar = await setUpProgram(
    marcus,
    barId,
    {
      name: `New Lawyer Mentoring Program ${year + 1}`,
      description:
        'The Cascadia Bar’s mandatory first-year program: every newly admitted lawyer is paired with an experienced volunteer mentor for twelve months, meeting about 90 minutes a month and working through the six curriculum areas.',
      objectives: [
        {
          label: '90% of mentees meet 8 or more times',
          metric: 'mentees_meeting_at_least',
          target: 90,
          threshold: 8,
        },
        { label: '85% of pairs complete the program', metric: 'completion_rate', target: 85 },
      ],
      format: 'one_to_one',
      jurisdictions: ['US-OR'],
      startsOn: `${year + 1}-01-15`,
      endsOn: `${year + 1}-12-15`,
      meetingCadence: 'monthly',
      meetingLengthMinutes: 90,
      minimumMeetings: 8,
      relationshipMonths: 12,
      defaultMentorCapacity: 2,
      matchingMode: 'both',
      expectations: {
        mentorResponsibilities:
          'Meet your new lawyer about 90 minutes a month, help them draft a mentoring plan at the first meeting, and cover the six curriculum areas over the year.',
        menteeResponsibilities:
          'Arrange the first meeting within 30 days of the match, keep the plan up to date and record your meetings.',
        confidentialityStatement:
          'An outside mentor is not inside the privilege circle: never share client confidences; discuss matters only in hypothetical terms.',
      },
    },
    {
      name: `${year + 1} intake`,
      startsOn: `${year + 1}-01-15`,
      endsOn: `${year + 1}-12-15`,
      enrolmentOpensOn: null,
      enrolmentClosesOn: null,
    },
  );
  const barDemoApplicants = [
    ...['rebecca-lindqvist', 'david-nguyen', 'sofia-delgado'].map((key) =>
      demoPersonApplicant(key, 'cascadia-bar', 'mentor', now),
    ),
    ...['kevin-park', 'lucia-herrera', 'grace-liu', 'ben-carter', 'samuel-osei'].map((key) =>
      demoPersonApplicant(key, 'cascadia-bar', 'mentee', now),
    ),
  ];
  const barApplicants = [...barDemoApplicants, ...generatedApplicants];
  await insertApplications(
    marcus,
    { organizationId: barId, ...bar, decidedBy: actorOf(person('marcus-bell')).userId },
    barApplicants,
    now,
  );
  await transitionCohort(marcus, { programId: bar.programId, cohortId: bar.cohortId, to: 'matching' });
  await createMatchRun(marcus, { programId: bar.programId, cohortId: bar.cohortId, objective: 'quality' });

  // --- The law firm's associate program: matched, published and running. ---------------------------
  const priya = tx.withActor(actorOf(person('priya-raman')));
  const firm = await setUpProgram(
    priya,
    firmId,
    {
      name: `Associate Mentoring ${year}`,
      description:
        'Hale & Ward’s first- and second-year associates, each with a partner or senior associate from another practice group, for a year of monthly conversations about work, clients and careers.',
      objectives: [
        {
          label: '80% of associates meet 6 or more times',
          metric: 'mentees_meeting_at_least',
          target: 80,
          threshold: 6,
        },
      ],
      format: 'one_to_one',
      jurisdictions: ['US-OR', 'US-WA'],
      startsOn: `${year}-09-01`,
      endsOn: `${year + 1}-08-31`,
      meetingCadence: 'monthly',
      meetingLengthMinutes: 60,
      minimumMeetings: 6,
      relationshipMonths: 12,
      defaultMentorCapacity: 1,
      insideOutsideRule: 'must_be_inside',
      expectations: {
        mentorResponsibilities:
          'Meet monthly, introduce your associate to the firm beyond their group, and review their development plan each quarter.',
        menteeResponsibilities:
          'Set the agenda for each meeting and bring one question about practice and one about career.',
        confidentialityStatement:
          'Inside the firm, client matters may be discussed under the firm’s confidentiality policy; what is said about careers stays between the pair.',
      },
    },
    {
      name: `${year} associates`,
      startsOn: `${year}-09-01`,
      endsOn: `${year + 1}-08-31`,
      enrolmentOpensOn: null,
      enrolmentClosesOn: null,
    },
  );
  const firmApplicants = [
    ...['eleanor-ward', 'thomas-okafor', 'miriam-goldberg', 'sofia-delgado'].map((key) =>
      demoPersonApplicant(key, 'hale-ward', 'mentor', now),
    ),
    ...['jordan-ellis', 'aisha-rahman', 'samuel-osei', 'hannah-schmidt'].map((key) =>
      demoPersonApplicant(key, 'hale-ward', 'mentee', now),
    ),
  ];
  await insertApplications(
    priya,
    { organizationId: firmId, ...firm, decidedBy: actorOf(person('priya-raman')).userId },
    firmApplicants,
    now,
  );
  await transitionCohort(priya, { programId: firm.programId, cohortId: firm.cohortId, to: 'matching' });
  const run = await createMatchRun(priya, {
    programId: firm.programId,
    cohortId: firm.cohortId,
    objective: 'coverage',
  });
  // Publishing moves the cohort from matching to running.
  const published = await publishMatchRun(priya, { runId: run.id });

  return {
    generatedPeople: generated.length,
    programs: 2,
    applications: barApplicants.length + firmApplicants.length,
    relationships: published.relationshipsCreated,
  };
}
