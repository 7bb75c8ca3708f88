ALTER TABLE "employers" ADD COLUMN "supervised" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "town" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "size" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "linked_key" text;--> statement-breakpoint
CREATE INDEX "employers_register_name_idx" ON "employers" USING btree ("name_key") WHERE "employers"."supervised";--> statement-breakpoint
CREATE INDEX "employers_register_town_idx" ON "employers" USING btree ("town") WHERE "employers"."supervised";--> statement-breakpoint
CREATE INDEX "national_clues_linked_received_idx" ON "national_clues" USING btree ("received_at") WHERE "national_clues"."disposition" = 'linked';--> statement-breakpoint
-- hand-written: the closure rate is concluded ÷ accepted, and a claim withdrawn after acceptance
-- is concluded (docs/figures.md, closureRate). Only accepted claims reach the daily `closed`
-- count, so adding `withdrawn` here counts exactly the withdrawals after acceptance; the claims
-- already withdrawn that way are added to the days they were accepted.
CREATE OR REPLACE FUNCTION "huxin_is_finished"(status text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN status IN ('resolved', 'closed', 'transferred_police', 'transferred_enforcement', 'withdrawn') THEN 1 ELSE 0 END $$;--> statement-breakpoint
SELECT huxin_stats_add(x.day, x.town, 0, 0, 0, x.n, 0, 0, 0, 0, 0, 0) FROM (
  SELECT huxin_shanghai_day(c.accepted_at) AS day, c.town, count(*)::int AS n FROM claims c
  WHERE c.status = 'withdrawn' AND c.accepted_at IS NOT NULL AND c.merged_into_id IS NULL
  GROUP BY 1, 2 ORDER BY 1, 2
) x;
--> statement-breakpoint
-- hand-written: a group case is a group whose accepted claims (not merged away) total 5 workers or
-- more. A merge of duplicates can bring it back under 5: it is then no longer counted (docs/figures.md,
-- groupCases), and is marked again, on the day of the acceptance that takes it back to 5, if it gets
-- there. Before the row is written, so the group's own update carries it (no second update).
CREATE FUNCTION "huxin_group_case_unmark"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF NEW.accepted_workers < 5 THEN
    NEW.group_case_at := NULL;
    NEW.group_case_town := NULL;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "claim_groups_unmark_group_case" BEFORE UPDATE OF "accepted_workers" ON "claim_groups" FOR EACH ROW
WHEN (NEW."group_case_at" IS NOT NULL)
EXECUTE FUNCTION "huxin_group_case_unmark"();--> statement-breakpoint
-- Groups already counted that merges took under 5 before this rule.
UPDATE "claim_groups" SET "group_case_at" = NULL, "group_case_town" = NULL WHERE "group_case_at" IS NOT NULL AND "accepted_workers" < 5;
