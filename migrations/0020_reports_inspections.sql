-- Reports (举报) and bureau-initiated inspections are cases in "claims" (docs/casework.md, Reports
-- and inspections): they enter the same triage queue, get the same decisions, documents and
-- outcomes. A report names no worker to answer; an inspection comes from a draw or by hand.
CREATE TABLE "inspection_draws" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seed" text NOT NULL,
	"requested" integer NOT NULL,
	"town" text,
	"pool_size" integer NOT NULL,
	"pool_digest" text NOT NULL,
	"employers" jsonb NOT NULL,
	"drawn_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_draws_requested_positive" CHECK ("inspection_draws"."requested" > 0),
	CONSTRAINT "inspection_draws_pool_nonnegative" CHECK ("inspection_draws"."pool_size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "inspection_draws" ADD CONSTRAINT "inspection_draws_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "case_type" text DEFAULT 'complaint' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "report_kind" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "anonymous" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "reporter_name" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "reporter_phone_enc" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "reporter_phone_hash" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "reporter_phone_masked" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "inspection_draw_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_amount_owed_positive";--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_workers_count_positive";--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_source_known";--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_amount_owed_positive" CHECK ("claims"."amount_owed_fen" > 0 or ("claims"."case_type" <> 'complaint' and "claims"."amount_owed_fen" >= 0));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_workers_count_positive" CHECK ("claims"."workers_count" > 0 or ("claims"."case_type" <> 'complaint' and "claims"."workers_count" >= 0));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_source_known" CHECK ("claims"."source" in ('miniprogram','national_platform','hotline','walk_in','letter','referral','inspection'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_case_type_known" CHECK ("claims"."case_type" in ('complaint','report','inspection'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_report_kind_known" CHECK ("claims"."report_kind" is null or "claims"."report_kind" in ('wages','social_insurance','working_hours','contract','child_labour','obstruction','other'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_report_has_kind" CHECK ("claims"."case_type" = 'complaint' or "claims"."report_kind" is not null);--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_anonymous_keeps_no_reporter" CHECK (not "claims"."anonymous" or ("claims"."reporter_name" is null and "claims"."reporter_phone_enc" is null and "claims"."reporter_phone_hash" is null));--> statement-breakpoint
CREATE INDEX "claims_case_kind_created_idx" ON "claims" USING btree ("created_at","case_type","report_kind","source","town") WHERE "claims"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "claims_inspection_draw_idx" ON "claims" USING btree ("inspection_draw_id") WHERE "claims"."inspection_draw_id" is not null;
