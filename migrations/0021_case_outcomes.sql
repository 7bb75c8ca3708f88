CREATE TABLE "case_outcomes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint,
	"workers" integer,
	"decided_at" timestamp with time zone NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_outcomes_kind_known" CHECK ("case_outcomes"."kind" in ('social_insurance_order','social_insurance_registration')),
	CONSTRAINT "case_outcomes_measure" CHECK (("case_outcomes"."kind" = 'social_insurance_order' and "case_outcomes"."amount_fen" > 0 and "case_outcomes"."workers" is null) or ("case_outcomes"."kind" = 'social_insurance_registration' and "case_outcomes"."workers" > 0 and "case_outcomes"."amount_fen" is null))
);
--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD CONSTRAINT "case_outcomes_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD CONSTRAINT "case_outcomes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_outcomes_claim_idx" ON "case_outcomes" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "case_outcomes_decided_idx" ON "case_outcomes" USING btree ("decided_at");
