CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"complete" boolean NOT NULL,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_year_range" CHECK ("calendar_years"."year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_source_known";--> statement-breakpoint
ALTER TABLE "claim_events" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "claim_events" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "close_due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "accept_clock_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "accept_paused_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "material_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "filed_by" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "worker_consent_how" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "worker_consent_note" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "refer_to_help_point_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "transfer_to" text;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_worker_consent_known" CHECK ("claims"."worker_consent_how" is null or "claims"."worker_consent_how" in ('verbal','signed'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_accept_paused_days_nonnegative" CHECK ("claims"."accept_paused_days" >= 0);--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_source_known" CHECK ("claims"."source" in ('miniprogram','national_platform','hotline','walk_in','letter','referral'));
--> statement-breakpoint
-- A rejected claim reopened before this migration restarted its acceptance clock at the reopening
-- (casework/deadlines.ts counts it from accept_clock_from, or created_at when null).
UPDATE "claims" c SET "accept_clock_from" = r.at
FROM (SELECT "claim_id", max("created_at") AS at FROM "claim_events" WHERE "type" = 'reopen' AND "to_status" = 'submitted' GROUP BY "claim_id") r
WHERE r."claim_id" = c."id";
