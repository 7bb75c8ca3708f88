CREATE TABLE "claim_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"employer_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_groups_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"key" text PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"blacklist_status" text DEFAULT 'none' NOT NULL,
	"deposit_status" text,
	"deposit_fen" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employers_id_unique" UNIQUE("id"),
	CONSTRAINT "employers_blacklist_known" CHECK ("employers"."blacklist_status" in ('none','applied','listed')),
	CONSTRAINT "employers_deposit_known" CHECK ("employers"."deposit_status" is null or "employers"."deposit_status" in ('stored','exempt','deferred'))
);
--> statement-breakpoint
CREATE TABLE "pii_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"fields" text[] NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recoveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"payer" text,
	"worker_name" text,
	"note" text,
	"recorded_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recoveries_amount_positive" CHECK ("recoveries"."amount_fen" > 0),
	CONSTRAINT "recoveries_kind_known" CHECK ("recoveries"."kind" in ('wages','compensation','indemnity','social_insurance')),
	CONSTRAINT "recoveries_payer_known" CHECK ("recoveries"."payer" is null or "recoveries"."payer" in ('employer','general_contractor','wage_guarantee_deposit'))
);
--> statement-breakpoint
ALTER TABLE "claim_events" ADD COLUMN "from_status" text;--> statement-breakpoint
ALTER TABLE "claim_events" ADD COLUMN "to_status" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "employer_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "group_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "extended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "order_served_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "unpaid_proof_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "blacklist_applied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pii_access_log" ADD CONSTRAINT "pii_access_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pii_access_log" ADD CONSTRAINT "pii_access_log_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recoveries" ADD CONSTRAINT "recoveries_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recoveries" ADD CONSTRAINT "recoveries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pii_access_log_claim_idx" ON "pii_access_log" USING btree ("claim_id","at");--> statement-breakpoint
CREATE INDEX "pii_access_log_actor_idx" ON "pii_access_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "recoveries_claim_idx" ON "recoveries" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "recoveries_paid_at_idx" ON "recoveries" USING btree ("paid_at");--> statement-breakpoint
CREATE INDEX "claim_events_enforcement_idx" ON "claim_events" USING btree ("type","created_at") WHERE "claim_events"."type" in ('transfer_police', 'apply_blacklist');--> statement-breakpoint
CREATE INDEX "claims_triage_idx" ON "claims" USING btree ("town","accept_due_at") WHERE "claims"."status" = 'submitted' and "claims"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "claims_group_idx" ON "claims" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "claims_employer_key_idx" ON "claims" USING btree ("employer_key");--> statement-breakpoint
CREATE INDEX "claims_accepted_at_idx" ON "claims" USING btree ("accepted_at") WHERE "claims"."accepted_at" is not null;--> statement-breakpoint
CREATE INDEX "claims_assignee_idx" ON "claims" USING btree ("assignee_id","status") WHERE "claims"."assignee_id" is not null;--> statement-breakpoint
-- hand-written: the audit log is append-only, enforced by the database itself (docs/casework.md).
-- A REVOKE alone would not stop the table owner (the application's own role): a trigger does.
CREATE OR REPLACE FUNCTION huxin_claim_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'claim_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claim_events_no_update_delete BEFORE UPDATE OR DELETE ON "claim_events"
  FOR EACH ROW EXECUTE FUNCTION huxin_claim_events_append_only();
--> statement-breakpoint
CREATE TRIGGER claim_events_no_truncate BEFORE TRUNCATE ON "claim_events"
  FOR EACH STATEMENT EXECUTE FUNCTION huxin_claim_events_append_only();
--> statement-breakpoint
-- Claims filed before this migration: employer and group keys approximated in SQL (credit code,
-- else the name without spaces and punctuation; the application's normalisation is richer), and
-- their groups and employers registered. Group and employer ids are md5-derived, as in the code.
UPDATE "claims" SET "employer_key" = CASE WHEN "employer_credit_code" IS NOT NULL THEN 'cc:' || upper("employer_credit_code")
  ELSE 'nm:' || lower(regexp_replace("employer_name", '[[:space:][:punct:]]', '', 'g')) END
  WHERE "employer_key" = '';
--> statement-breakpoint
UPDATE "claims" SET "group_key" = "employer_key" || '|', "group_id" = md5('group:' || "employer_key" || '|')::uuid WHERE "group_key" = '';
--> statement-breakpoint
INSERT INTO "claim_groups" ("id", "key", "employer_key") SELECT DISTINCT "group_id", "group_key", "employer_key" FROM "claims" ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "employers" ("key", "id", "name", "credit_code")
  SELECT DISTINCT ON ("employer_key") "employer_key", md5('employer:' || "employer_key")::uuid, "employer_name", "employer_credit_code"
  FROM "claims" ORDER BY "employer_key", "created_at" ON CONFLICT DO NOTHING;
