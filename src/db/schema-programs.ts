/**
 * Programs, cohorts, enrolment, the matching workflow, relationships and API tokens (issue 7).
 * Part of the one schema: src/db/schema.ts re-exports this file, and migrations are generated from both.
 *
 * Every organization-scoped table carries `organization_id`, so that a scoped query filters on the
 * table alone (`inOrganization(scope, table.organizationId, …)`), and child rows reference their parent
 * by (organization_id, id) so that a row can never point into another organization.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  APPLICATION_STATUSES,
  COHORT_STATES,
  ENROLMENT_MODES,
  INSIDE_OUTSIDE_RULES,
  MATCH_REQUEST_STATUSES,
  MATCH_RUN_STATUSES,
  MATCHING_MODES,
  MEETING_CADENCES,
  PROGRAM_FORMATS,
  PROGRAM_ROLES,
  RELATIONSHIP_STATUSES,
} from '../core/programs/vocabulary.ts';
import { invitations, memberships, organizations, users } from './schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const organizationId = () =>
  text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const programFormat = pgEnum('program_format', PROGRAM_FORMATS);
export const cohortState = pgEnum('cohort_state', COHORT_STATES);
export const enrolmentMode = pgEnum('enrolment_mode', ENROLMENT_MODES);
export const matchingMode = pgEnum('matching_mode', MATCHING_MODES);
export const insideOutsideRule = pgEnum('inside_outside_rule', INSIDE_OUTSIDE_RULES);
export const meetingCadence = pgEnum('meeting_cadence', MEETING_CADENCES);
export const programRole = pgEnum('program_role', PROGRAM_ROLES);
export const applicationStatus = pgEnum('application_status', APPLICATION_STATUSES);
export const matchRunStatus = pgEnum('match_run_status', MATCH_RUN_STATUSES);
export const matchRequestStatus = pgEnum('match_request_status', MATCH_REQUEST_STATUSES);
export const relationshipStatus = pgEnum('relationship_status', RELATIONSHIP_STATUSES);

// ---------------------------------------------------------------------------------------------
// Programs and cohorts.
// ---------------------------------------------------------------------------------------------

/** A measurable target of a program, read by later dashboards (e.g. 90% of mentees meet 6+ times). */
export interface ProgramObjectiveValue {
  id: string;
  label: string;
  /** A metric id the dashboards know, e.g. `mentees_meeting_at_least`, `completion_rate`. */
  metric: string;
  target: number;
  /** Extra numeric parameter of the metric, e.g. 6 meetings for `mentees_meeting_at_least`. */
  threshold?: number | null;
}

/** What a program expects of each side, shown to applicants and accepted in the agreement. */
export interface ProgramExpectationsValue {
  mentorResponsibilities: string;
  menteeResponsibilities: string;
  confidentialityStatement: string;
}

export const programs = pgTable(
  'programs',
  {
    id: text('id').primaryKey(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    objectives: jsonb('objectives').$type<ProgramObjectiveValue[]>().notNull().default([]),
    format: programFormat('format').notNull(),
    /** Mentees per circle in group programs; null otherwise. */
    groupSize: integer('group_size'),
    /** Whether a group/circle may have two co-mentors. */
    allowsCoMentors: boolean('allows_co_mentors').notNull().default(false),
    jurisdictions: text('jurisdictions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isEvergreen: boolean('is_evergreen').notNull().default(false),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    meetingCadence: meetingCadence('meeting_cadence').notNull().default('monthly'),
    meetingLengthMinutes: integer('meeting_length_minutes').notNull().default(60),
    minimumMeetings: integer('minimum_meetings').notNull().default(0),
    relationshipMonths: integer('relationship_months').notNull().default(12),
    defaultMentorCapacity: integer('default_mentor_capacity').notNull().default(1),
    insideOutsideRule: insideOutsideRule('inside_outside_rule').notNull().default('either'),
    enrolmentMode: enrolmentMode('enrolment_mode').notNull().default('approval_required'),
    matchingMode: matchingMode('matching_mode').notNull().default('coordinator'),
    expectations: jsonb('expectations')
      .$type<ProgramExpectationsValue>()
      .notNull()
      .default({ mentorResponsibilities: '', menteeResponsibilities: '', confidentialityStatement: '' }),
    /** Mentor eligibility rules (minimum years admitted, attestations, references ...), validated by core. */
    eligibilityRules: jsonb('eligibility_rules').$type<Record<string, unknown>>().notNull().default({}),
    /** Matching weights, constraints, objective and minimum score the next run starts from. */
    matchingDefaults: jsonb('matching_defaults').$type<Record<string, unknown>>().notNull().default({}),
    /** Self-match: most pending requests a mentee may have, and days before a request expires. */
    maxPendingRequests: integer('max_pending_requests').notNull().default(3),
    requestExpiryDays: integer('request_expiry_days').notNull().default(14),
    /** Rankings: whether mentees (and mentors) rank candidates, and how many. */
    rankingsEnabled: boolean('rankings_enabled').notNull().default(false),
    mentorsRank: boolean('mentors_rank').notNull().default(false),
    maxRankings: integer('max_rankings').notNull().default(5),
    /** SHA-256 of the open sign-up link's token (open_link enrolment); null when no link was made. */
    openLinkTokenHash: text('open_link_token_hash').unique(),
    /** The program this one was duplicated from (next year's template). */
    duplicatedFromProgramId: text('duplicated_from_program_id'),
    archivedAt: instant('archived_at'),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('programs_organization_id_key').on(table.organizationId, table.id),
    index('programs_organization_idx').on(table.organizationId),
  ],
);

export const cohorts = pgTable(
  'cohorts',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    programId: text('program_id').notNull(),
    name: text('name').notNull(),
    state: cohortState('state').notNull().default('draft'),
    /** The rolling cohort of an evergreen program: never closes enrolment by date. */
    isRolling: boolean('is_rolling').notNull().default(false),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    enrolmentOpensOn: date('enrolment_opens_on', { mode: 'string' }),
    enrolmentClosesOn: date('enrolment_closes_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('cohorts_organization_id_key').on(table.organizationId, table.id),
    unique('cohorts_program_id_key').on(table.programId, table.id),
    index('cohorts_program_idx').on(table.programId),
    foreignKey({
      name: 'cohorts_program_fk',
      columns: [table.organizationId, table.programId],
      foreignColumns: [programs.organizationId, programs.id],
    }).onDelete('cascade'),
  ],
);

/** A member made coordinator of one program only (organization admins and coordinators manage all). */
export const programCoordinators = pgTable(
  'program_coordinators',
  {
    programId: text('program_id').notNull(),
    organizationId: text('organization_id').notNull(),
    membershipId: text('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.programId, table.membershipId] }),
    index('program_coordinators_membership_idx').on(table.membershipId),
    foreignKey({
      name: 'program_coordinators_program_fk',
      columns: [table.organizationId, table.programId],
      foreignColumns: [programs.organizationId, programs.id],
    }).onDelete('cascade'),
  ],
);

// ---------------------------------------------------------------------------------------------
// Enrolment: versioned application forms, applications, their audit trail and rankings.
// ---------------------------------------------------------------------------------------------

/**
 * One version of a program's application form for one role. A changed form is a new version; an
 * application keeps the version it answered, so answers already given stay valid.
 */
export const applicationForms = pgTable(
  'application_forms',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    programId: text('program_id').notNull(),
    role: programRole('role').notNull(),
    version: integer('version').notNull(),
    /** Built-in and custom questions, validated by the contracts and core (see src/core/programs). */
    questions: jsonb('questions').$type<unknown[]>().notNull(),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    unique('application_forms_version_key').on(table.programId, table.role, table.version),
    unique('application_forms_organization_id_key').on(table.organizationId, table.id),
    foreignKey({
      name: 'application_forms_program_fk',
      columns: [table.organizationId, table.programId],
      foreignColumns: [programs.organizationId, programs.id],
    }).onDelete('cascade'),
  ],
);

export const applications = pgTable(
  'applications',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    programId: text('program_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The applicant's membership of the program's organization (null for a partner's member, later). */
    membershipId: text('membership_id').references(() => memberships.id, { onDelete: 'set null' }),
    role: programRole('role').notNull(),
    formId: text('form_id').notNull(),
    /** Answers keyed by question id, validated against the form version at submission. */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    /** Explicit consent per sensitive answer: question id → when and to which text it was given. */
    consents: jsonb('consents').$type<Record<string, unknown>>().notNull().default({}),
    status: applicationStatus('status').notNull().default('submitted'),
    /** The eligibility evaluation (mentor rules): every rule as pass / fail / needs review with a reason. */
    eligibility: jsonb('eligibility').$type<Record<string, unknown>>(),
    /** Mentor capacity offered in this program (defaults to the program's). */
    capacity: integer('capacity'),
    decisionMessage: text('decision_message'),
    decidedByUserId: text('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: instant('decided_at'),
    submittedAt: instant('submitted_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('applications_organization_id_key').on(table.organizationId, table.id),
    index('applications_cohort_status_idx').on(table.cohortId, table.role, table.status),
    index('applications_program_submitted_idx').on(table.programId, table.submittedAt, table.id),
    index('applications_user_idx').on(table.userId),
    // One live application per person, role and cohort; a withdrawn one may be followed by a new one.
    uniqueIndex('applications_live_key')
      .on(table.cohortId, table.userId, table.role)
      .where(sql`status <> 'withdrawn'`),
    foreignKey({
      name: 'applications_program_fk',
      columns: [table.organizationId, table.programId],
      foreignColumns: [programs.organizationId, programs.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'applications_cohort_fk',
      columns: [table.programId, table.cohortId],
      foreignColumns: [cohorts.programId, cohorts.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'applications_form_fk',
      columns: [table.organizationId, table.formId],
      foreignColumns: [applicationForms.organizationId, applicationForms.id],
    }),
  ],
);

/** The audit trail of an application: every decision and change, who made it and when. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    applicationId: text('application_id').notNull(),
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** submitted, approved, rejected, waitlisted, changes_requested, withdrawn, updated, imported ... */
    action: text('action').notNull(),
    fromStatus: applicationStatus('from_status'),
    toStatus: applicationStatus('to_status'),
    message: text('message'),
    createdAt: createdAt(),
  },
  (table) => [
    index('application_events_application_idx').on(table.applicationId, table.createdAt),
    foreignKey({
      name: 'application_events_application_fk',
      columns: [table.organizationId, table.applicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
  ],
);

/** A participant's ranking of candidates from the approved pool (1 = first choice). */
export const rankings = pgTable(
  'rankings',
  {
    organizationId: text('organization_id').notNull(),
    applicationId: text('application_id').notNull(),
    rankedApplicationId: text('ranked_application_id').notNull(),
    rank: integer('rank').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.applicationId, table.rankedApplicationId] }),
    unique('rankings_rank_key').on(table.applicationId, table.rank),
    foreignKey({
      name: 'rankings_application_fk',
      columns: [table.organizationId, table.applicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'rankings_ranked_application_fk',
      columns: [table.organizationId, table.rankedApplicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
  ],
);

/**
 * A person brought into one cohort by a coordinator (a roster import or an invitation email) who has
 * no application yet: without an account or membership they first get an organization invitation, and
 * accepting it turns this row into their application, with `answers` (the imported built-in answers)
 * as its answers. Matched to the person by email, case-insensitively (ADR 018).
 */
export const programInvitations = pgTable(
  'program_invitations',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    programId: text('program_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    /** Stored lower-case. */
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: programRole('role').notNull(),
    /** Built-in answers keyed by question id, prefilled into the application. */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    /** Mentor capacity given by the roster (null: the program's default). */
    capacity: integer('capacity'),
    /** The status the application gets when it is created: approved (vouched for) or submitted. */
    applicationStatus: applicationStatus('application_status').notNull().default('approved'),
    /** roster | invitation */
    source: text('source').notNull(),
    /** The organization invitation sent with it (null for someone already a member, or once replaced). */
    invitationId: text('invitation_id').references(() => invitations.id, { onDelete: 'set null' }),
    /** The application it became (for a member at once, for anyone else when they accept). */
    applicationId: text('application_id'),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('program_invitations_organization_id_key').on(table.organizationId, table.id),
    uniqueIndex('program_invitations_person_key').on(table.cohortId, sql`lower(${table.email})`, table.role),
    index('program_invitations_program_idx').on(table.programId, table.createdAt),
    index('program_invitations_email_idx').on(table.organizationId, sql`lower(${table.email})`),
    foreignKey({
      name: 'program_invitations_program_fk',
      columns: [table.organizationId, table.programId],
      foreignColumns: [programs.organizationId, programs.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'program_invitations_cohort_fk',
      columns: [table.programId, table.cohortId],
      foreignColumns: [cohorts.programId, cohorts.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'program_invitations_application_fk',
      columns: [table.organizationId, table.applicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
  ],
);

// ---------------------------------------------------------------------------------------------
// Match runs: stored drafts of the engine's result, published into relationships.
// ---------------------------------------------------------------------------------------------

export const matchRuns = pgTable(
  'match_runs',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    programId: text('program_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    status: matchRunStatus('status').notNull().default('draft'),
    /** quality | coverage | fairness | stable (src/core/matching/pipeline.ts MATCH_OBJECTIVES). */
    objective: text('objective').notNull(),
    /** Weights, constraints, minimum score, pins and exclusions as the coordinator set them. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    /** The profiles the engine saw (built from applications), so a run can be audited and re-explained. */
    inputSnapshot: jsonb('input_snapshot').$type<Record<string, unknown>>().notNull(),
    /** Coverage, mean and minimum score, distribution, proven optimality, timings. */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    engineVersion: text('engine_version').notNull(),
    /** Keep published relationships and fill open seats only. */
    isIncremental: boolean('is_incremental').notNull().default(false),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    publishedByUserId: text('published_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: instant('published_at'),
  },
  (table) => [
    unique('match_runs_organization_id_key').on(table.organizationId, table.id),
    index('match_runs_program_idx').on(table.programId, table.createdAt),
    foreignKey({
      name: 'match_runs_program_fk',
      columns: [table.organizationId, table.programId],
      foreignColumns: [programs.organizationId, programs.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'match_runs_cohort_fk',
      columns: [table.programId, table.cohortId],
      foreignColumns: [cohorts.programId, cohorts.id],
    }).onDelete('cascade'),
  ],
);

/**
 * One pair of a run: a mentee application with a mentor application. A circle is several pairs with
 * one mentor (and a co-mentor's pairs share the `circle` number).
 */
export const matchRunPairs = pgTable(
  'match_run_pairs',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    runId: text('run_id').notNull(),
    menteeApplicationId: text('mentee_application_id').notNull(),
    mentorApplicationId: text('mentor_application_id').notNull(),
    /** The circle a group program's pair belongs to (one per mentor); null for one-to-one. */
    circle: integer('circle'),
    score: integer('score').notNull(),
    /** The engine's explanation: contributions, largest first. */
    reasons: jsonb('reasons').$type<unknown[]>().notNull(),
    /** solver | stable | pinned | existing | edited */
    origin: text('origin').notNull(),
    /** Hard constraints the pair breaks (only for a coordinator's override, with its reason). */
    brokenConstraints: jsonb('broken_constraints').$type<unknown[]>().notNull().default([]),
    overrideReason: text('override_reason'),
    editedByUserId: text('edited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    index('match_run_pairs_run_idx').on(table.runId),
    uniqueIndex('match_run_pairs_pair_key').on(
      table.runId,
      table.menteeApplicationId,
      table.mentorApplicationId,
    ),
    foreignKey({
      name: 'match_run_pairs_run_fk',
      columns: [table.organizationId, table.runId],
      foreignColumns: [matchRuns.organizationId, matchRuns.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'match_run_pairs_mentee_fk',
      columns: [table.organizationId, table.menteeApplicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'match_run_pairs_mentor_fk',
      columns: [table.organizationId, table.mentorApplicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
  ],
);

/** A mentee the run left unmatched, with the engine's reason. */
export const matchRunUnmatched = pgTable(
  'match_run_unmatched',
  {
    organizationId: text('organization_id').notNull(),
    runId: text('run_id').notNull(),
    menteeApplicationId: text('mentee_application_id').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail').notNull().default(''),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.menteeApplicationId] }),
    foreignKey({
      name: 'match_run_unmatched_run_fk',
      columns: [table.organizationId, table.runId],
      foreignColumns: [matchRuns.organizationId, matchRuns.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'match_run_unmatched_mentee_fk',
      columns: [table.organizationId, table.menteeApplicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
  ],
);

/** The audit trail of a run's edits, overrides, publication and discarding. */
export const matchRunEvents = pgTable(
  'match_run_events',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    runId: text('run_id').notNull(),
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** created, pair_added, pair_removed, pair_swapped, override, published, discarded */
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [
    index('match_run_events_run_idx').on(table.runId, table.createdAt),
    foreignKey({
      name: 'match_run_events_run_fk',
      columns: [table.organizationId, table.runId],
      foreignColumns: [matchRuns.organizationId, matchRuns.id],
    }).onDelete('cascade'),
  ],
);

// ---------------------------------------------------------------------------------------------
// Self-match requests and relationships.
// ---------------------------------------------------------------------------------------------

export const matchRequests = pgTable(
  'match_requests',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    programId: text('program_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    menteeApplicationId: text('mentee_application_id').notNull(),
    mentorApplicationId: text('mentor_application_id').notNull(),
    note: text('note').notNull().default(''),
    status: matchRequestStatus('status').notNull().default('pending'),
    responseMessage: text('response_message'),
    expiresAt: instant('expires_at').notNull(),
    decidedAt: instant('decided_at'),
    createdAt: createdAt(),
  },
  (table) => [
    unique('match_requests_organization_id_key').on(table.organizationId, table.id),
    index('match_requests_mentee_idx').on(table.menteeApplicationId, table.status),
    index('match_requests_mentor_idx').on(table.mentorApplicationId, table.status),
    index('match_requests_expiry_idx').on(table.status, table.expiresAt),
    // At most one pending request from a mentee to the same mentor.
    uniqueIndex('match_requests_pending_key')
      .on(table.menteeApplicationId, table.mentorApplicationId)
      .where(sql`status = 'pending'`),
    foreignKey({
      name: 'match_requests_program_fk',
      columns: [table.organizationId, table.programId],
      foreignColumns: [programs.organizationId, programs.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'match_requests_mentee_fk',
      columns: [table.organizationId, table.menteeApplicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'match_requests_mentor_fk',
      columns: [table.organizationId, table.mentorApplicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
  ],
);

/** A match that is running: one mentor and one mentee, or a circle (one or two mentors, several mentees). */
export const relationships = pgTable(
  'relationships',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    programId: text('program_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    status: relationshipStatus('status').notNull().default('starting'),
    /** Where it came from: a published run, or an accepted self-match request. */
    matchRunId: text('match_run_id'),
    matchRequestId: text('match_request_id'),
    /** The relationship this one replaces after a re-assignment (history is kept). */
    previousRelationshipId: text('previous_relationship_id'),
    startedAt: instant('started_at').notNull(),
    endedAt: instant('ended_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('relationships_organization_id_key').on(table.organizationId, table.id),
    index('relationships_program_idx').on(table.programId, table.status),
    foreignKey({
      name: 'relationships_program_fk',
      columns: [table.organizationId, table.programId],
      foreignColumns: [programs.organizationId, programs.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'relationships_cohort_fk',
      columns: [table.programId, table.cohortId],
      foreignColumns: [cohorts.programId, cohorts.id],
    }).onDelete('cascade'),
  ],
);

export const relationshipParticipants = pgTable(
  'relationship_participants',
  {
    organizationId: text('organization_id').notNull(),
    relationshipId: text('relationship_id').notNull(),
    applicationId: text('application_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: programRole('role').notNull(),
    /** Denormalized from the relationship so capacity counts need no join: does this seat still count? */
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.relationshipId, table.applicationId] }),
    index('relationship_participants_user_idx').on(table.userId, table.role, table.isActive),
    index('relationship_participants_application_idx').on(table.applicationId),
    foreignKey({
      name: 'relationship_participants_relationship_fk',
      columns: [table.organizationId, table.relationshipId],
      foreignColumns: [relationships.organizationId, relationships.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'relationship_participants_application_fk',
      columns: [table.organizationId, table.applicationId],
      foreignColumns: [applications.organizationId, applications.id],
    }).onDelete('cascade'),
  ],
);

// ---------------------------------------------------------------------------------------------
// Personal API tokens (the CLI and integrations): `Authorization: Bearer <token>`.
// ---------------------------------------------------------------------------------------------

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 of the token; the token itself is shown once, at creation. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, so a user can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    expiresAt: instant('expires_at'),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
    createdAt: createdAt(),
  },
  (table) => [index('api_tokens_user_idx').on(table.userId)],
);
