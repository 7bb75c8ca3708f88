CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"year" integer,
	"seq" integer,
	"number" text,
	"issued_at" timestamp with time zone,
	"sha256" text,
	"size" integer,
	"served_at" timestamp with time zone,
	"service_method" text,
	"served_to" text,
	"service_recorded_by" uuid,
	"pay_due_at" timestamp with time zone,
	CONSTRAINT "case_documents_year_seq_unique" UNIQUE("year","seq"),
	CONSTRAINT "case_documents_idempotency_unique" UNIQUE("claim_id","idempotency_key"),
	CONSTRAINT "case_documents_status_known" CHECK ("case_documents"."status" in ('pending_approval','issued','refused')),
	CONSTRAINT "case_documents_issued_complete" CHECK ("case_documents"."status" <> 'issued' or ("case_documents"."number" is not null and "case_documents"."issued_at" is not null and "case_documents"."sha256" is not null))
);
--> statement-breakpoint
CREATE TABLE "document_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "order_pay_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_service_recorded_by_users_id_fk" FOREIGN KEY ("service_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_documents_claim_idx" ON "case_documents" USING btree ("claim_id","requested_at");