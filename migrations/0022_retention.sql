-- hand-written: retention of personal data (PIPL Art. 19, docs/operations.md "Retention"). A claim
-- closed longer ago than HUXIN_RETENTION_DAYS has its personal data erased by a scheduled job;
-- `personal_data_erased_at` marks it done (the job is idempotent), and the partial index holds only
-- the finished claims still waiting for it.
ALTER TABLE "claims" ADD COLUMN "personal_data_erased_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "claims_retention_due_idx" ON "claims" USING btree ("finished_at") WHERE "claims"."finished_at" is not null and "claims"."personal_data_erased_at" is null;--> statement-breakpoint
-- The PDF of an erased claim's document is removed from the store (it names the claimant); the
-- row stays as the register of what was issued, with its number, dates and hash.
ALTER TABLE "case_documents" ADD COLUMN "file_erased_at" timestamp with time zone;--> statement-breakpoint
-- The audit log and the recovery ledger stay append-only, with one exception: the retention job,
-- and only inside its own transaction (`huxin.erasure` set locally), may blank the free text of a
-- row — every other column must stay as it was.
CREATE OR REPLACE FUNCTION huxin_claim_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('huxin.erasure', true) = 'on'
     AND (to_jsonb(NEW) - 'note' - 'detail') = (to_jsonb(OLD) - 'note' - 'detail') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'claim_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "huxin_recoveries_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('huxin.erasure', true) = 'on'
     AND (to_jsonb(NEW) - 'reason' - 'note' - 'worker_name') = (to_jsonb(OLD) - 'reason' - 'note' - 'worker_name') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'recoveries are append-only (a correction is a reversal): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
