-- Recoveries are corrected only by reversal entries (冲正, docs/casework.md "Recoveries, reversals
-- and disputes"): a negative entry linked to the one it reverses, at most one per recovery, never
-- itself reversed. Amounts, kinds, dates and links can no longer be changed or rows deleted, so
-- what the figures and the national platform were told is always the sum of the ledger.
ALTER TABLE "recoveries" ADD COLUMN "reversal_of" uuid;--> statement-breakpoint
ALTER TABLE "recoveries" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "recoveries" ADD CONSTRAINT "recoveries_reversal_of_recoveries_id_fk" FOREIGN KEY ("reversal_of") REFERENCES "public"."recoveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recoveries_reversal_of_unique" ON "recoveries" USING btree ("reversal_of") WHERE "recoveries"."reversal_of" is not null;--> statement-breakpoint
ALTER TABLE "recoveries" DROP CONSTRAINT "recoveries_amount_positive";--> statement-breakpoint
ALTER TABLE "recoveries" ADD CONSTRAINT "recoveries_amount_sign" CHECK (("recoveries"."reversal_of" is null and "recoveries"."amount_fen" > 0) or ("recoveries"."reversal_of" is not null and "recoveries"."amount_fen" < 0 and "recoveries"."reason" is not null));--> statement-breakpoint
CREATE FUNCTION "huxin_recovery_reversal_mirrors"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  original recoveries%ROWTYPE;
BEGIN
  SELECT * INTO original FROM recoveries WHERE id = NEW.reversal_of;
  IF original.reversal_of IS NOT NULL THEN
    RAISE EXCEPTION 'a reversal cannot be reversed' USING ERRCODE = 'check_violation';
  END IF;
  IF original.claim_id <> NEW.claim_id OR original.kind <> NEW.kind OR original.amount_fen <> -NEW.amount_fen THEN
    RAISE EXCEPTION 'a reversal mirrors its recovery (claim, kind, amount)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "recoveries_reversal_mirrors" BEFORE INSERT ON "recoveries" FOR EACH ROW
WHEN (NEW."reversal_of" IS NOT NULL) EXECUTE FUNCTION "huxin_recovery_reversal_mirrors"();--> statement-breakpoint
CREATE FUNCTION "huxin_recoveries_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'recoveries are append-only (a correction is a reversal): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "recoveries_no_amount_update" BEFORE UPDATE ON "recoveries" FOR EACH ROW
WHEN (OLD."amount_fen" IS DISTINCT FROM NEW."amount_fen" OR OLD."kind" IS DISTINCT FROM NEW."kind"
  OR OLD."paid_at" IS DISTINCT FROM NEW."paid_at" OR OLD."claim_id" IS DISTINCT FROM NEW."claim_id"
  OR OLD."reversal_of" IS DISTINCT FROM NEW."reversal_of" OR OLD."reason" IS DISTINCT FROM NEW."reason"
  OR OLD."recorded_by" IS DISTINCT FROM NEW."recorded_by" OR OLD."created_at" IS DISTINCT FROM NEW."created_at")
EXECUTE FUNCTION "huxin_recoveries_append_only"();--> statement-breakpoint
CREATE TRIGGER "recoveries_no_delete" BEFORE DELETE ON "recoveries" FOR EACH ROW
EXECUTE FUNCTION "huxin_recoveries_append_only"();--> statement-breakpoint
CREATE TRIGGER "recoveries_no_truncate" BEFORE TRUNCATE ON "recoveries" FOR EACH STATEMENT
EXECUTE FUNCTION "huxin_recoveries_append_only"();--> statement-breakpoint
-- Amounts never change and rows never go: the totals' update and delete triggers cannot fire any more.
DROP TRIGGER "recoveries_totals_update" ON "recoveries";--> statement-breakpoint
DROP TRIGGER "recoveries_totals_delete" ON "recoveries";--> statement-breakpoint
DROP FUNCTION "huxin_recovery_changed"();--> statement-breakpoint
-- The claimant's dispute of a recorded payment (not received, wrong amount), open until resolved.
CREATE TABLE "recovery_disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recovery_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text,
	CONSTRAINT "recovery_disputes_kind_known" CHECK ("recovery_disputes"."kind" in ('not_received','wrong_amount'))
);
--> statement-breakpoint
ALTER TABLE "recovery_disputes" ADD CONSTRAINT "recovery_disputes_recovery_id_recoveries_id_fk" FOREIGN KEY ("recovery_id") REFERENCES "public"."recoveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_disputes" ADD CONSTRAINT "recovery_disputes_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_disputes" ADD CONSTRAINT "recovery_disputes_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_disputes" ADD CONSTRAINT "recovery_disputes_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_disputes_open_unique" ON "recovery_disputes" USING btree ("recovery_id") WHERE "recovery_disputes"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "recovery_disputes_open_claim_idx" ON "recovery_disputes" USING btree ("claim_id") WHERE "recovery_disputes"."resolved_at" is null;
