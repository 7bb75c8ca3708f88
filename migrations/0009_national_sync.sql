CREATE TABLE "national_clues" (
	"clue_id" text PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"disposition" text NOT NULL,
	"due_at" timestamp with time zone,
	"payload" jsonb NOT NULL,
	"received_via" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "national_clues_disposition_known" CHECK ("national_clues"."disposition" in ('created','linked'))
);
--> statement-breakpoint
CREATE TABLE "national_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"message_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "national_outbox_message_id_unique" UNIQUE("message_id"),
	CONSTRAINT "national_outbox_claim_seq_unique" UNIQUE("claim_id","seq"),
	CONSTRAINT "national_outbox_status_known" CHECK ("national_outbox"."status" in ('pending','sending','sent','failed')),
	CONSTRAINT "national_outbox_kind_known" CHECK ("national_outbox"."kind" in ('register','progress','result','ack'))
);
--> statement-breakpoint
CREATE TABLE "national_sync_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "national_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "national_clues" ADD CONSTRAINT "national_clues_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_outbox" ADD CONSTRAINT "national_outbox_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_clues_claim_idx" ON "national_clues" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "national_outbox_due_idx" ON "national_outbox" USING btree ("next_attempt_at","id") WHERE "national_outbox"."status" in ('pending','sending');--> statement-breakpoint
CREATE INDEX "national_outbox_failed_idx" ON "national_outbox" USING btree ("id") WHERE "national_outbox"."status" = 'failed';