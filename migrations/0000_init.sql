CREATE TABLE "claim_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"type" text NOT NULL,
	"visibility" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_events_visibility_known" CHECK ("claim_events"."visibility" in ('worker','internal'))
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"source" text DEFAULT 'miniprogram' NOT NULL,
	"national_clue_id" text,
	"town" text NOT NULL,
	"industry" text NOT NULL,
	"claimant_name" text NOT NULL,
	"claimant_phone_enc" text,
	"claimant_phone_hash" text,
	"claimant_phone_masked" text,
	"claimant_id_enc" text,
	"claimant_id_hash" text,
	"claimant_id_masked" text,
	"employer_name" text NOT NULL,
	"employer_credit_code" text,
	"employer_address" text,
	"project_name" text,
	"project_address" text,
	"site_lat" double precision,
	"site_lng" double precision,
	"site_address" text,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"amount_owed_fen" bigint NOT NULL,
	"workers_count" integer NOT NULL,
	"co_workers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"description" text NOT NULL,
	"confidential" boolean NOT NULL,
	"consent_privacy_version" text NOT NULL,
	"consent_sensitive_info" boolean NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"accept_due_at" timestamp with time zone NOT NULL,
	"accept_due_provisional" boolean DEFAULT false NOT NULL,
	"close_due_at" timestamp with time zone,
	"assignee_id" uuid,
	"group_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_reference_unique" UNIQUE("reference"),
	CONSTRAINT "claims_national_clue_id_unique" UNIQUE("national_clue_id"),
	CONSTRAINT "claims_amount_owed_positive" CHECK ("claims"."amount_owed_fen" > 0),
	CONSTRAINT "claims_workers_count_positive" CHECK ("claims"."workers_count" > 0),
	CONSTRAINT "claims_period_order" CHECK ("claims"."period_from" <= "claims"."period_to"),
	CONSTRAINT "claims_status_known" CHECK ("claims"."status" in ('submitted','accepted','rejected','investigating','mediating','ordered_to_pay','resolved','closed','transferred_police','transferred_enforcement','withdrawn')),
	CONSTRAINT "claims_source_known" CHECK ("claims"."source" in ('miniprogram','national_platform','hotline','walk_in'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text NOT NULL,
	"claim_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key"),
	CONSTRAINT "idempotency_keys_state_known" CHECK ("idempotency_keys"."state" in ('in_flight','done'))
);
--> statement-breakpoint
CREATE TABLE "reference_counters" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_events_claim_idx" ON "claim_events" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE INDEX "claims_town_status_idx" ON "claims" USING btree ("town","status","created_at");--> statement-breakpoint
CREATE INDEX "claims_claimant_phone_hash_idx" ON "claims" USING btree ("claimant_phone_hash");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");