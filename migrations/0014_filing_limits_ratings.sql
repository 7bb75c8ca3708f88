ALTER TABLE "claims" ADD COLUMN "workers_count_confirmed" integer;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "rating_score" smallint;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "rating_comment" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "claims_rated_at_idx" ON "claims" USING btree ("rated_at") WHERE "claims"."rated_at" is not null;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_workers_count_confirmed_positive" CHECK ("claims"."workers_count_confirmed" > 0);--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_rating_score_range" CHECK ("claims"."rating_score" between 1 and 5);--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_rating_complete" CHECK (("claims"."rating_score" is null) = ("claims"."rated_at" is null));--> statement-breakpoint
-- Per-worker filing limits (issue 13, finding 5; docs/security.md). Called by the filing
-- statement (modules/claims/repository/filing.ts) once per filing, before it inserts anything:
-- takes a transaction-scoped lock on the worker, then counts the worker's claims of the last hour
-- and day. VOLATILE, so in READ COMMITTED its query takes a fresh snapshot after the lock is
-- granted: it sees the filings of any concurrent statement that held the lock and committed,
-- and one that has not committed yet still holds the lock. The filing statement adds the
-- worker's earlier filings of its own batch (their rank) to these counts.
CREATE OR REPLACE FUNCTION huxin_filings_of(p_user uuid, p_at timestamptz)
RETURNS TABLE (hour_n int, hour_oldest timestamptz, day_n int, day_oldest timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  -- Staff filing on a worker's behalf (no worker to limit): nothing to count, nothing to lock.
  IF p_user IS NULL THEN
    RETURN QUERY SELECT 0, NULL::timestamptz, 0, NULL::timestamptz;
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('huxin-filing:' || p_user::text, 0));
  RETURN QUERY
    SELECT (count(*) FILTER (WHERE c.created_at > p_at - interval '1 hour'))::int,
      min(c.created_at) FILTER (WHERE c.created_at > p_at - interval '1 hour'),
      count(*)::int,
      min(c.created_at)
    FROM claims c
    WHERE c.claimant_user_id = p_user AND c.created_at > p_at - interval '1 day';
END
$$;
