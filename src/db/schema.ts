/**
 * The one database schema, for the embedded database (PGlite) and PostgreSQL alike. Migrations in
 * src/db/migrations are generated from this file by `npm run db:generate`; SQL must run on PostgreSQL 15.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { MEMBER_ROLES } from '../core/roles.ts';
import { EMAIL_STATUSES, MENTORING_ROLES, ORGANIZATION_KINDS } from '../core/vocabulary.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

// ---------------------------------------------------------------------------------------------
// Identity (better-auth's tables: property names are the ones better-auth expects).
// ---------------------------------------------------------------------------------------------

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true, mode: 'date' }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true, mode: 'date' }),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('accounts_user_id_idx').on(table.userId)],
);

export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('verifications_identifier_idx').on(table.identifier)],
);

/** better-auth's rate-limit counters, in the database so that several app processes share them. */
export const rateLimits = pgTable('rate_limits', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

// ---------------------------------------------------------------------------------------------
// Organizations and membership.
// ---------------------------------------------------------------------------------------------

export const organizationKind = pgEnum('organization_kind', ORGANIZATION_KINDS);

export const memberRole = pgEnum('member_role', MEMBER_ROLES);

export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: organizationKind('kind').notNull(),
  /** Jurisdiction codes such as US-OR, GB-ENG, AU-NSW. */
  jurisdictions: text('jurisdictions')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  timeZone: text('time_zone').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('memberships_organization_user_idx').on(table.organizationId, table.userId),
    index('memberships_user_idx').on(table.userId),
    // What organization-scoped tables reference, so that a row can only name a membership of its own
    // organization (see member_profiles).
    unique('memberships_organization_id_id_key').on(table.organizationId, table.id),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: memberRole('role').notNull(),
    /** SHA-256 of the token in the emailed link; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    invitedByUserId: text('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    acceptedByUserId: text('accepted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [index('invitations_organization_idx').on(table.organizationId)],
);

// ---------------------------------------------------------------------------------------------
// Member profiles: what a member tells their organization about their practice, for mentoring.
// ---------------------------------------------------------------------------------------------

export const mentoringRole = pgEnum('mentoring_role', MENTORING_ROLES);

/** One profile per membership: the same person may present themselves differently in each organization. */
export const memberProfiles = pgTable(
  'member_profiles',
  {
    membershipId: text('membership_id').primaryKey(),
    /**
     * The membership's organization, so that organization-scoped queries filter on this table alone; the
     * foreign key on (organization_id, membership_id) keeps it equal to the membership's.
     */
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    mentoringRole: mentoringRole('mentoring_role').notNull().default('none'),
    headline: text('headline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    /** Practice-area ids from src/core/taxonomy.ts. */
    practiceAreas: text('practice_areas')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Jurisdiction codes such as US-OR where the member is admitted to practice. */
    jurisdictionsOfAdmission: text('jurisdictions_of_admission')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Year first admitted; null for law students. */
    admissionYear: integer('admission_year'),
    /** Language codes such as en, es, vi. */
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    office: text('office').notNull().default(''),
    timeZone: text('time_zone'),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('member_profiles_organization_idx').on(table.organizationId),
    foreignKey({
      name: 'member_profiles_membership_fk',
      columns: [table.organizationId, table.membershipId],
      foreignColumns: [memberships.organizationId, memberships.id],
    }).onDelete('cascade'),
  ],
);

// ---------------------------------------------------------------------------------------------
// Email: every message is recorded; without SMTP_URL the record is the development outbox.
// ---------------------------------------------------------------------------------------------

export const emailStatus = pgEnum('email_status', EMAIL_STATUSES);

export const emails = pgTable(
  'emails',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    /** What the email is about, e.g. `invitation`, `password-reset`, `email-verification`. */
    template: text('template').notNull(),
    status: emailStatus('status').notNull().default('queued'),
    /** `smtp` or `outbox` (development: stored here, not delivered). */
    transport: text('transport').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('emails_created_idx').on(table.createdAt)],
);

/** Key/value settings of the installation (e.g. the generated auth secret when none is configured). */
export const installationSettings = pgTable('installation_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});

// Programs, enrolment, matching workflow, relationships and API tokens live in their own file.
export * from './schema-programs.ts';
