CREATE TYPE "public"."application_status" AS ENUM('submitted', 'approved', 'rejected', 'waitlisted', 'changes_requested', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."cohort_state" AS ENUM('draft', 'enrolling', 'matching', 'running', 'closed');--> statement-breakpoint
CREATE TYPE "public"."enrolment_mode" AS ENUM('open_link', 'invitation_only', 'approval_required');--> statement-breakpoint
CREATE TYPE "public"."inside_outside_rule" AS ENUM('must_be_inside', 'must_be_outside', 'either');--> statement-breakpoint
CREATE TYPE "public"."match_request_status" AS ENUM('pending', 'accepted', 'declined', 'withdrawn', 'expired');--> statement-breakpoint
CREATE TYPE "public"."match_run_status" AS ENUM('draft', 'published', 'discarded');--> statement-breakpoint
CREATE TYPE "public"."matching_mode" AS ENUM('coordinator', 'self_match', 'both');--> statement-breakpoint
CREATE TYPE "public"."meeting_cadence" AS ENUM('weekly', 'fortnightly', 'monthly', 'bimonthly', 'quarterly');--> statement-breakpoint
CREATE TYPE "public"."program_format" AS ENUM('one_to_one', 'group', 'peer', 'reverse', 'flash');--> statement-breakpoint
CREATE TYPE "public"."program_role" AS ENUM('mentor', 'mentee');--> statement-breakpoint
CREATE TYPE "public"."relationship_status" AS ENUM('starting', 'active', 'paused', 'completed', 'ended');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"application_id" text NOT NULL,
	"actor_user_id" text,
	"action" text NOT NULL,
	"from_status" "application_status",
	"to_status" "application_status",
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_forms" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"program_id" text NOT NULL,
	"role" "program_role" NOT NULL,
	"version" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_forms_version_key" UNIQUE("program_id","role","version"),
	CONSTRAINT "application_forms_organization_id_key" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"program_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"user_id" text NOT NULL,
	"membership_id" text,
	"role" "program_role" NOT NULL,
	"form_id" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consents" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "application_status" DEFAULT 'submitted' NOT NULL,
	"eligibility" jsonb,
	"capacity" integer,
	"decision_message" text,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_organization_id_key" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"program_id" text NOT NULL,
	"name" text NOT NULL,
	"state" "cohort_state" DEFAULT 'draft' NOT NULL,
	"is_rolling" boolean DEFAULT false NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"enrolment_opens_on" date,
	"enrolment_closes_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_organization_id_key" UNIQUE("organization_id","id"),
	CONSTRAINT "cohorts_program_id_key" UNIQUE("program_id","id")
);
--> statement-breakpoint
CREATE TABLE "match_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"program_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"mentee_application_id" text NOT NULL,
	"mentor_application_id" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" "match_request_status" DEFAULT 'pending' NOT NULL,
	"response_message" text,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_requests_organization_id_key" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "match_run_events" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"run_id" text NOT NULL,
	"actor_user_id" text,
	"action" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_run_pairs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"run_id" text NOT NULL,
	"mentee_application_id" text NOT NULL,
	"mentor_application_id" text NOT NULL,
	"circle" integer,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"origin" text NOT NULL,
	"broken_constraints" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"override_reason" text,
	"edited_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_run_unmatched" (
	"organization_id" text NOT NULL,
	"run_id" text NOT NULL,
	"mentee_application_id" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	CONSTRAINT "match_run_unmatched_run_id_mentee_application_id_pk" PRIMARY KEY("run_id","mentee_application_id")
);
--> statement-breakpoint
CREATE TABLE "match_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"program_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"status" "match_run_status" DEFAULT 'draft' NOT NULL,
	"objective" text NOT NULL,
	"settings" jsonb NOT NULL,
	"input_snapshot" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"engine_version" text NOT NULL,
	"is_incremental" boolean DEFAULT false NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_user_id" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "match_runs_organization_id_key" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "program_coordinators" (
	"program_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"membership_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_coordinators_program_id_membership_id_pk" PRIMARY KEY("program_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"format" "program_format" NOT NULL,
	"group_size" integer,
	"allows_co_mentors" boolean DEFAULT false NOT NULL,
	"jurisdictions" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_evergreen" boolean DEFAULT false NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"meeting_cadence" "meeting_cadence" DEFAULT 'monthly' NOT NULL,
	"meeting_length_minutes" integer DEFAULT 60 NOT NULL,
	"minimum_meetings" integer DEFAULT 0 NOT NULL,
	"relationship_months" integer DEFAULT 12 NOT NULL,
	"default_mentor_capacity" integer DEFAULT 1 NOT NULL,
	"inside_outside_rule" "inside_outside_rule" DEFAULT 'either' NOT NULL,
	"enrolment_mode" "enrolment_mode" DEFAULT 'approval_required' NOT NULL,
	"matching_mode" "matching_mode" DEFAULT 'coordinator' NOT NULL,
	"expectations" jsonb DEFAULT '{"mentorResponsibilities":"","menteeResponsibilities":"","confidentialityStatement":""}'::jsonb NOT NULL,
	"eligibility_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"matching_defaults" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"max_pending_requests" integer DEFAULT 3 NOT NULL,
	"request_expiry_days" integer DEFAULT 14 NOT NULL,
	"rankings_enabled" boolean DEFAULT false NOT NULL,
	"mentors_rank" boolean DEFAULT false NOT NULL,
	"max_rankings" integer DEFAULT 5 NOT NULL,
	"open_link_token_hash" text,
	"duplicated_from_program_id" text,
	"archived_at" timestamp with time zone,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_open_link_token_hash_unique" UNIQUE("open_link_token_hash"),
	CONSTRAINT "programs_organization_id_key" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "rankings" (
	"organization_id" text NOT NULL,
	"application_id" text NOT NULL,
	"ranked_application_id" text NOT NULL,
	"rank" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rankings_application_id_ranked_application_id_pk" PRIMARY KEY("application_id","ranked_application_id"),
	CONSTRAINT "rankings_rank_key" UNIQUE("application_id","rank")
);
--> statement-breakpoint
CREATE TABLE "relationship_participants" (
	"organization_id" text NOT NULL,
	"relationship_id" text NOT NULL,
	"application_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "program_role" NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationship_participants_relationship_id_application_id_pk" PRIMARY KEY("relationship_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"program_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"status" "relationship_status" DEFAULT 'starting' NOT NULL,
	"match_run_id" text,
	"match_request_id" text,
	"previous_relationship_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationships_organization_id_key" UNIQUE("organization_id","id")
);
--> statement-breakpoint
ALTER TABLE "member_profiles" DROP CONSTRAINT "member_profiles_membership_id_memberships_id_fk";
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_id_key" UNIQUE("organization_id","id");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_fk" FOREIGN KEY ("organization_id","application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_forms" ADD CONSTRAINT "application_forms_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_forms" ADD CONSTRAINT "application_forms_program_fk" FOREIGN KEY ("organization_id","program_id") REFERENCES "public"."programs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_program_fk" FOREIGN KEY ("organization_id","program_id") REFERENCES "public"."programs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_cohort_fk" FOREIGN KEY ("program_id","cohort_id") REFERENCES "public"."cohorts"("program_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_form_fk" FOREIGN KEY ("organization_id","form_id") REFERENCES "public"."application_forms"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_program_fk" FOREIGN KEY ("organization_id","program_id") REFERENCES "public"."programs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_program_fk" FOREIGN KEY ("organization_id","program_id") REFERENCES "public"."programs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_mentee_fk" FOREIGN KEY ("organization_id","mentee_application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_mentor_fk" FOREIGN KEY ("organization_id","mentor_application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_events" ADD CONSTRAINT "match_run_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_events" ADD CONSTRAINT "match_run_events_run_fk" FOREIGN KEY ("organization_id","run_id") REFERENCES "public"."match_runs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_edited_by_user_id_users_id_fk" FOREIGN KEY ("edited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_run_fk" FOREIGN KEY ("organization_id","run_id") REFERENCES "public"."match_runs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_mentee_fk" FOREIGN KEY ("organization_id","mentee_application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_mentor_fk" FOREIGN KEY ("organization_id","mentor_application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_unmatched" ADD CONSTRAINT "match_run_unmatched_run_fk" FOREIGN KEY ("organization_id","run_id") REFERENCES "public"."match_runs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_unmatched" ADD CONSTRAINT "match_run_unmatched_mentee_fk" FOREIGN KEY ("organization_id","mentee_application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_program_fk" FOREIGN KEY ("organization_id","program_id") REFERENCES "public"."programs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_cohort_fk" FOREIGN KEY ("program_id","cohort_id") REFERENCES "public"."cohorts"("program_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_coordinators" ADD CONSTRAINT "program_coordinators_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_coordinators" ADD CONSTRAINT "program_coordinators_program_fk" FOREIGN KEY ("organization_id","program_id") REFERENCES "public"."programs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_application_fk" FOREIGN KEY ("organization_id","application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_ranked_application_fk" FOREIGN KEY ("organization_id","ranked_application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_participants" ADD CONSTRAINT "relationship_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_participants" ADD CONSTRAINT "relationship_participants_relationship_fk" FOREIGN KEY ("organization_id","relationship_id") REFERENCES "public"."relationships"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_participants" ADD CONSTRAINT "relationship_participants_application_fk" FOREIGN KEY ("organization_id","application_id") REFERENCES "public"."applications"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_program_fk" FOREIGN KEY ("organization_id","program_id") REFERENCES "public"."programs"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_cohort_fk" FOREIGN KEY ("program_id","cohort_id") REFERENCES "public"."cohorts"("program_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "applications_cohort_status_idx" ON "applications" USING btree ("cohort_id","role","status");--> statement-breakpoint
CREATE INDEX "applications_program_submitted_idx" ON "applications" USING btree ("program_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "applications_user_idx" ON "applications" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_live_key" ON "applications" USING btree ("cohort_id","user_id","role") WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "cohorts_program_idx" ON "cohorts" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "match_requests_mentee_idx" ON "match_requests" USING btree ("mentee_application_id","status");--> statement-breakpoint
CREATE INDEX "match_requests_mentor_idx" ON "match_requests" USING btree ("mentor_application_id","status");--> statement-breakpoint
CREATE INDEX "match_requests_expiry_idx" ON "match_requests" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "match_requests_pending_key" ON "match_requests" USING btree ("mentee_application_id","mentor_application_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "match_run_events_run_idx" ON "match_run_events" USING btree ("run_id","created_at");--> statement-breakpoint
CREATE INDEX "match_run_pairs_run_idx" ON "match_run_pairs" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_run_pairs_pair_key" ON "match_run_pairs" USING btree ("run_id","mentee_application_id","mentor_application_id");--> statement-breakpoint
CREATE INDEX "match_runs_program_idx" ON "match_runs" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "program_coordinators_membership_idx" ON "program_coordinators" USING btree ("membership_id");--> statement-breakpoint
CREATE INDEX "programs_organization_idx" ON "programs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "relationship_participants_user_idx" ON "relationship_participants" USING btree ("user_id","role","is_active");--> statement-breakpoint
CREATE INDEX "relationship_participants_application_idx" ON "relationship_participants" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "relationships_program_idx" ON "relationships" USING btree ("program_id","status");--> statement-breakpoint
ALTER TABLE "member_profiles" ADD CONSTRAINT "member_profiles_membership_fk" FOREIGN KEY ("organization_id","membership_id") REFERENCES "public"."memberships"("organization_id","id") ON DELETE cascade ON UPDATE no action;