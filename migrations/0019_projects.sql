CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"permit_number" text NOT NULL,
	"name" text NOT NULL,
	"town" text NOT NULL,
	"site_lat" double precision,
	"site_lng" double precision,
	"site_address" text,
	"builder_name" text NOT NULL,
	"builder_credit_code" text,
	"builder_key" text NOT NULL,
	"builder_employer_id" uuid,
	"gc_name" text NOT NULL,
	"gc_credit_code" text,
	"gc_key" text NOT NULL,
	"gc_employer_id" uuid,
	"subcontractors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"permit_date" text NOT NULL,
	"started_on" text NOT NULL,
	"ends_on" text,
	"contract_value_fen" bigint,
	"status" text DEFAULT 'under_construction' NOT NULL,
	"pay_day" smallint,
	"deposit_form" text,
	"deposit_amount_fen" bigint DEFAULT 0 NOT NULL,
	"deposit_status" text DEFAULT 'required' NOT NULL,
	"deposit_due_at" timestamp with time zone NOT NULL,
	"deposit_due_provisional" boolean DEFAULT false NOT NULL,
	"deposit_balance_fen" bigint DEFAULT 0 NOT NULL,
	"deposit_top_up_due_at" timestamp with time zone,
	"deposit_stored_at" timestamp with time zone,
	"deposit_exempt_at" timestamp with time zone,
	"deposit_deferred_at" timestamp with time zone,
	"deposit_cancelled_at" timestamp with time zone,
	"deposit_returned_at" timestamp with time zone,
	"wage_account_bank" text,
	"wage_account_masked" text,
	"wage_account_opened_on" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_permit_number_unique" UNIQUE("permit_number"),
	CONSTRAINT "projects_status_known" CHECK ("projects"."status" in ('under_construction','suspended','completed')),
	CONSTRAINT "projects_deposit_status_known" CHECK ("projects"."deposit_status" in ('required','stored','exempt','deferred','permit_cancelled','returned')),
	CONSTRAINT "projects_deposit_form_known" CHECK ("projects"."deposit_form" is null or "projects"."deposit_form" in ('cash','bank_guarantee','insurance')),
	CONSTRAINT "projects_deposit_balance_nonnegative" CHECK ("projects"."deposit_balance_fen" >= 0 and "projects"."deposit_amount_fen" >= 0),
	CONSTRAINT "projects_pay_day_range" CHECK ("projects"."pay_day" is null or "projects"."pay_day" between 1 and 31)
);
--> statement-breakpoint
CREATE TABLE "project_deposit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"amount_fen" bigint,
	"balance_fen" bigint NOT NULL,
	"claim_id" uuid,
	"recovery_id" uuid,
	"note" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_roster" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_enc" text NOT NULL,
	"id_hash" text NOT NULL,
	"id_masked" text NOT NULL,
	"trade" text NOT NULL,
	"started_on" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_roster_worker_unique" UNIQUE("project_id","id_hash")
);
--> statement-breakpoint
CREATE TABLE "project_payroll" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"month" text NOT NULL,
	"worker_name" text NOT NULL,
	"id_hash" text NOT NULL,
	"id_masked" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_payroll_worker_month_unique" UNIQUE("project_id","month","id_hash"),
	CONSTRAINT "project_payroll_amount_nonnegative" CHECK ("project_payroll"."amount_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "project_deposit_events" ADD CONSTRAINT "project_deposit_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_deposit_events" ADD CONSTRAINT "project_deposit_events_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_roster" ADD CONSTRAINT "project_roster_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_payroll" ADD CONSTRAINT "project_payroll_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_town_idx" ON "projects" USING btree ("town","permit_number");--> statement-breakpoint
CREATE INDEX "projects_gc_key_idx" ON "projects" USING btree ("gc_key");--> statement-breakpoint
CREATE INDEX "project_deposit_events_project_idx" ON "project_deposit_events" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "project_roster_id_hash_idx" ON "project_roster" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "project_payroll_project_month_idx" ON "project_payroll" USING btree ("project_id","month");--> statement-breakpoint
CREATE INDEX "claims_project_idx" ON "claims" USING btree ("project_id") WHERE "claims"."project_id" is not null;
