CREATE TABLE "stats_clue_employers" (
	"day" date NOT NULL,
	"town" text NOT NULL,
	"employer_key" text NOT NULL,
	"clues" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_clue_employers_day_town_employer_key_pk" PRIMARY KEY("day","town","employer_key")
);
--> statement-breakpoint
CREATE TABLE "stats_daily" (
	"day" date NOT NULL,
	"town" text NOT NULL,
	"clues" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"workers" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"police_transfers" integer DEFAULT 0 NOT NULL,
	"blacklist_applications" integer DEFAULT 0 NOT NULL,
	"wages_fen" bigint DEFAULT 0 NOT NULL,
	"compensation_fen" bigint DEFAULT 0 NOT NULL,
	"indemnity_fen" bigint DEFAULT 0 NOT NULL,
	"social_insurance_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_daily_day_town_pk" PRIMARY KEY("day","town")
);
--> statement-breakpoint
CREATE TABLE "stats_open_due" (
	"town" text NOT NULL,
	"day" date NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_open_due_town_day_pk" PRIMARY KEY("town","day")
);
--> statement-breakpoint
ALTER TABLE "claim_groups" ADD COLUMN "workers_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "claim_groups" ADD COLUMN "accepted_workers" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "claim_groups" ADD COLUMN "group_case_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claim_groups" ADD COLUMN "group_case_town" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "claims_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "claim_groups_group_case_idx" ON "claim_groups" USING btree ("group_case_at") WHERE "claim_groups"."group_case_at" is not null;--> statement-breakpoint
-- hand-written: totals and daily figures kept by the database itself (docs/casework.md, "Totals
-- and daily figures"). Triggers on claims, recoveries and claim_events keep
--  - claim_groups.workers_total (pursued claims' workers) and accepted_workers, and the moment a
--    group first became a group case (group_case_at/_town, ≥ 5 accepted workers, set once);
--  - employers.claims_count (claims not merged away; "repeat employer" in triage);
--  - stats_daily: per Shanghai day and town, the period-additive figures of GET /api/v1/stats;
--  - stats_clue_employers: the employers named by national clues per day and town (incidence rate);
--  - stats_open_due: accepted, open claims per town and day of their closing deadline (overdue).
-- Every writer and every path (filing batches, staff, the national inbox, plain SQL) goes through
-- them, in the writer's own transaction, so the figures can never miss or double an update.
-- Counters are changed by upserts in a fixed order (group id, employer key, day+town), so two
-- statements never take the same rows' locks in opposite orders. huxin_rebuild_totals()
-- recomputes everything from the rows (used below for existing data, and by the tests to prove the
-- kept figures equal the recomputed ones).
CREATE FUNCTION "huxin_shanghai_day"(ts timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ((ts AT TIME ZONE 'UTC') + interval '8 hours')::date $$;--> statement-breakpoint
CREATE FUNCTION "huxin_stats_add"(p_day date, p_town text, p_clues int, p_accepted int, p_workers int, p_closed int,
  p_police int, p_blacklist int, p_wages bigint, p_compensation bigint, p_indemnity bigint, p_social bigint) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO public.stats_daily AS s ("day", "town", "clues", "accepted", "workers", "closed", "police_transfers",
    "blacklist_applications", "wages_fen", "compensation_fen", "indemnity_fen", "social_insurance_fen")
  VALUES (p_day, p_town, p_clues, p_accepted, p_workers, p_closed, p_police, p_blacklist, p_wages, p_compensation, p_indemnity, p_social)
  ON CONFLICT ("day", "town") DO UPDATE SET
    "clues" = s."clues" + excluded."clues", "accepted" = s."accepted" + excluded."accepted",
    "workers" = s."workers" + excluded."workers", "closed" = s."closed" + excluded."closed",
    "police_transfers" = s."police_transfers" + excluded."police_transfers",
    "blacklist_applications" = s."blacklist_applications" + excluded."blacklist_applications",
    "wages_fen" = s."wages_fen" + excluded."wages_fen", "compensation_fen" = s."compensation_fen" + excluded."compensation_fen",
    "indemnity_fen" = s."indemnity_fen" + excluded."indemnity_fen",
    "social_insurance_fen" = s."social_insurance_fen" + excluded."social_insurance_fen"
$$;--> statement-breakpoint
-- Statuses: finished ones count as closed for the closure rate; rejected/withdrawn claims' workers
-- no longer count toward their group (NOT_PURSUED_STATUSES in services/claim-facts.ts).
CREATE FUNCTION "huxin_is_finished"(status text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN status IN ('resolved', 'closed', 'transferred_police', 'transferred_enforcement') THEN 1 ELSE 0 END $$;--> statement-breakpoint
-- The day a group first reached 5 accepted workers, in order of acceptance; only for groups not
-- yet marked (a group case is counted once). `only_groups` null = every group.
CREATE FUNCTION "huxin_is_open_accepted"(status text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT status IN ('accepted', 'investigating', 'mediating', 'ordered_to_pay') $$;--> statement-breakpoint
CREATE FUNCTION "huxin_clue_employer_add"(p_day date, p_town text, p_employer_key text, p_clues int) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO public.stats_clue_employers AS s ("day", "town", "employer_key", "clues") VALUES (p_day, p_town, p_employer_key, p_clues)
  ON CONFLICT ("day", "town", "employer_key") DO UPDATE SET "clues" = s."clues" + excluded."clues"
$$;--> statement-breakpoint
CREATE FUNCTION "huxin_open_due_add"(p_town text, p_day date, p_open int) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO public.stats_open_due AS s ("town", "day", "open") VALUES (p_town, p_day, p_open)
  ON CONFLICT ("town", "day") DO UPDATE SET "open" = s."open" + excluded."open"
$$;--> statement-breakpoint
CREATE FUNCTION "huxin_mark_group_cases"(only_groups uuid[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE public.claim_groups g SET "group_case_at" = x.accepted_at, "group_case_town" = x.town
  FROM (
    SELECT DISTINCT ON (r.group_id) r.group_id, r.accepted_at, r.town FROM (
      SELECT c.group_id, c.accepted_at, c.town, c.id,
        sum(c.workers_count) OVER (PARTITION BY c.group_id ORDER BY c.accepted_at, c.id) AS running
      FROM public.claims c
      WHERE c.accepted_at IS NOT NULL AND c.merged_into_id IS NULL AND c.group_id IS NOT NULL
        -- a join, not `= ANY (only_groups)`: a parameter array is searched linearly per row
        AND (only_groups IS NULL OR c.group_id IN (SELECT unnest(only_groups)))
    ) r
    WHERE r.running >= 5
    ORDER BY r.group_id, r.accepted_at, r.id
  ) x
  WHERE g.id = x.group_id AND g.group_case_at IS NULL
$$;--> statement-breakpoint
CREATE FUNCTION "huxin_claims_inserted"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  INSERT INTO claim_groups AS g ("id", "key", "employer_key", "workers_total", "accepted_workers")
  SELECT n.group_id, min(n.group_key), min(n.employer_key),
    coalesce(sum(n.workers_count) FILTER (WHERE n.merged_into_id IS NULL AND n.status NOT IN ('rejected', 'withdrawn')), 0),
    coalesce(sum(n.workers_count) FILTER (WHERE n.accepted_at IS NOT NULL AND n.merged_into_id IS NULL), 0)
  FROM new_claims n WHERE n.group_id IS NOT NULL
  GROUP BY n.group_id ORDER BY n.group_id
  ON CONFLICT ("id") DO UPDATE SET "workers_total" = g."workers_total" + excluded."workers_total",
    "accepted_workers" = g."accepted_workers" + excluded."accepted_workers";
  INSERT INTO employers AS e ("key", "id", "name", "credit_code", "claims_count")
  SELECT n.employer_key, md5('employer:' || n.employer_key)::uuid, min(n.employer_name), min(n.employer_credit_code),
    count(*) FILTER (WHERE n.merged_into_id IS NULL)
  FROM new_claims n
  GROUP BY n.employer_key ORDER BY n.employer_key
  ON CONFLICT ("key") DO UPDATE SET "claims_count" = e."claims_count" + excluded."claims_count";
  IF EXISTS (SELECT 1 FROM new_claims n WHERE n.source = 'national_platform') THEN
    INSERT INTO stats_clue_employers AS s ("day", "town", "employer_key", "clues")
    SELECT huxin_shanghai_day(n.created_at), n.town, n.employer_key, count(*) FROM new_claims n
    WHERE n.source = 'national_platform' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("day", "town", "employer_key") DO UPDATE SET "clues" = s."clues" + excluded."clues";
  END IF;
  IF EXISTS (SELECT 1 FROM new_claims n WHERE n.close_due_at IS NOT NULL AND n.merged_into_id IS NULL AND huxin_is_open_accepted(n.status)) THEN
    INSERT INTO stats_open_due AS s ("town", "day", "open")
    SELECT n.town, huxin_shanghai_day(n.close_due_at), count(*) FROM new_claims n
    WHERE n.close_due_at IS NOT NULL AND n.merged_into_id IS NULL AND huxin_is_open_accepted(n.status)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("town", "day") DO UPDATE SET "open" = s."open" + excluded."open";
  END IF;
  IF EXISTS (SELECT 1 FROM new_claims n WHERE n.source = 'national_platform' OR n.accepted_at IS NOT NULL) THEN
    INSERT INTO stats_daily AS s ("day", "town", "clues", "accepted", "workers", "closed")
    SELECT x.day, x.town, sum(x.clues), sum(x.accepted), sum(x.workers), sum(x.closed) FROM (
      SELECT huxin_shanghai_day(n.created_at) AS day, n.town, 1 AS clues, 0 AS accepted, 0 AS workers, 0 AS closed
      FROM new_claims n WHERE n.source = 'national_platform'
      UNION ALL
      SELECT huxin_shanghai_day(n.accepted_at), n.town, 0, 1, n.workers_count, huxin_is_finished(n.status)
      FROM new_claims n WHERE n.accepted_at IS NOT NULL AND n.merged_into_id IS NULL
    ) x
    GROUP BY x.day, x.town ORDER BY x.day, x.town
    ON CONFLICT ("day", "town") DO UPDATE SET "clues" = s."clues" + excluded."clues",
      "accepted" = s."accepted" + excluded."accepted", "workers" = s."workers" + excluded."workers",
      "closed" = s."closed" + excluded."closed";
    PERFORM huxin_mark_group_cases(ARRAY(SELECT DISTINCT n.group_id FROM new_claims n
      WHERE n.accepted_at IS NOT NULL AND n.merged_into_id IS NULL AND n.group_id IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "claims_totals_insert" AFTER INSERT ON "claims"
REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION "huxin_claims_inserted"();--> statement-breakpoint
CREATE FUNCTION "huxin_claim_updated"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  old_pursued int := CASE WHEN OLD.merged_into_id IS NULL AND OLD.status NOT IN ('rejected', 'withdrawn') THEN OLD.workers_count ELSE 0 END;
  new_pursued int := CASE WHEN NEW.merged_into_id IS NULL AND NEW.status NOT IN ('rejected', 'withdrawn') THEN NEW.workers_count ELSE 0 END;
  old_acc boolean := OLD.accepted_at IS NOT NULL AND OLD.merged_into_id IS NULL;
  new_acc boolean := NEW.accepted_at IS NOT NULL AND NEW.merged_into_id IS NULL;
  old_accw int := CASE WHEN OLD.accepted_at IS NOT NULL AND OLD.merged_into_id IS NULL THEN OLD.workers_count ELSE 0 END;
  new_accw int := CASE WHEN NEW.accepted_at IS NOT NULL AND NEW.merged_into_id IS NULL THEN NEW.workers_count ELSE 0 END;
  old_closed int := huxin_is_finished(OLD.status);
  new_closed int := huxin_is_finished(NEW.status);
  old_clue boolean := OLD.source = 'national_platform';
  new_clue boolean := NEW.source = 'national_platform';
  old_open boolean := huxin_is_open_accepted(OLD.status) AND OLD.merged_into_id IS NULL AND OLD.close_due_at IS NOT NULL;
  new_open boolean := huxin_is_open_accepted(NEW.status) AND NEW.merged_into_id IS NULL AND NEW.close_due_at IS NOT NULL;
BEGIN
  -- The group's workers (triage, group cases).
  IF OLD.group_id IS NOT DISTINCT FROM NEW.group_id THEN
    IF NEW.group_id IS NOT NULL AND (new_pursued <> old_pursued OR new_accw <> old_accw) THEN
      UPDATE claim_groups SET "workers_total" = "workers_total" + new_pursued - old_pursued,
        "accepted_workers" = "accepted_workers" + new_accw - old_accw
      WHERE "id" = NEW.group_id;
    END IF;
  ELSE
    IF OLD.group_id IS NOT NULL THEN
      UPDATE claim_groups SET "workers_total" = "workers_total" - old_pursued, "accepted_workers" = "accepted_workers" - old_accw
      WHERE "id" = OLD.group_id;
    END IF;
    IF NEW.group_id IS NOT NULL THEN
      INSERT INTO claim_groups AS g ("id", "key", "employer_key", "workers_total", "accepted_workers")
      VALUES (NEW.group_id, NEW.group_key, NEW.employer_key, new_pursued, new_accw)
      ON CONFLICT ("id") DO UPDATE SET "workers_total" = g."workers_total" + excluded."workers_total",
        "accepted_workers" = g."accepted_workers" + excluded."accepted_workers";
    END IF;
  END IF;
  IF new_accw > 0 AND NEW.group_id IS NOT NULL AND (new_accw <> old_accw OR OLD.group_id IS DISTINCT FROM NEW.group_id) THEN
    UPDATE claim_groups SET "group_case_at" = NEW.accepted_at, "group_case_town" = NEW.town
    WHERE "id" = NEW.group_id AND "group_case_at" IS NULL AND "accepted_workers" >= 5;
  END IF;
  -- The employer's claims (triage: repeat employer).
  IF OLD.employer_key = NEW.employer_key THEN
    IF (OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL) THEN
      UPDATE employers SET "claims_count" = "claims_count" + CASE WHEN NEW.merged_into_id IS NULL THEN 1 ELSE -1 END
      WHERE "key" = NEW.employer_key;
    END IF;
  ELSE
    IF OLD.merged_into_id IS NULL THEN
      UPDATE employers SET "claims_count" = "claims_count" - 1 WHERE "key" = OLD.employer_key;
    END IF;
    IF NEW.merged_into_id IS NULL THEN
      INSERT INTO employers AS e ("key", "id", "name", "credit_code", "claims_count")
      VALUES (NEW.employer_key, md5('employer:' || NEW.employer_key)::uuid, NEW.employer_name, NEW.employer_credit_code, 1)
      ON CONFLICT ("key") DO UPDATE SET "claims_count" = e."claims_count" + 1;
    END IF;
  END IF;
  -- Daily figures: accepted claims, their workers, how many are finished.
  IF old_acc AND new_acc AND huxin_shanghai_day(OLD.accepted_at) = huxin_shanghai_day(NEW.accepted_at) AND OLD.town = NEW.town THEN
    IF NEW.workers_count <> OLD.workers_count OR new_closed <> old_closed THEN
      PERFORM huxin_stats_add(huxin_shanghai_day(NEW.accepted_at), NEW.town, 0, 0, NEW.workers_count - OLD.workers_count,
        new_closed - old_closed, 0, 0, 0, 0, 0, 0);
    END IF;
  ELSE
    IF old_acc THEN
      PERFORM huxin_stats_add(huxin_shanghai_day(OLD.accepted_at), OLD.town, 0, -1, -OLD.workers_count, -old_closed, 0, 0, 0, 0, 0, 0);
    END IF;
    IF new_acc THEN
      PERFORM huxin_stats_add(huxin_shanghai_day(NEW.accepted_at), NEW.town, 0, 1, NEW.workers_count, new_closed, 0, 0, 0, 0, 0, 0);
    END IF;
  END IF;
  -- National-platform clues.
  IF old_clue <> new_clue OR (new_clue AND (OLD.town <> NEW.town OR OLD.employer_key <> NEW.employer_key
      OR huxin_shanghai_day(OLD.created_at) <> huxin_shanghai_day(NEW.created_at))) THEN
    IF old_clue THEN
      PERFORM huxin_stats_add(huxin_shanghai_day(OLD.created_at), OLD.town, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      PERFORM huxin_clue_employer_add(huxin_shanghai_day(OLD.created_at), OLD.town, OLD.employer_key, -1);
    END IF;
    IF new_clue THEN
      PERFORM huxin_stats_add(huxin_shanghai_day(NEW.created_at), NEW.town, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      PERFORM huxin_clue_employer_add(huxin_shanghai_day(NEW.created_at), NEW.town, NEW.employer_key, 1);
    END IF;
  END IF;
  -- Open accepted claims by closing deadline (overdue closure).
  IF old_open <> new_open OR (new_open AND (OLD.town <> NEW.town
      OR huxin_shanghai_day(OLD.close_due_at) <> huxin_shanghai_day(NEW.close_due_at))) THEN
    IF old_open THEN PERFORM huxin_open_due_add(OLD.town, huxin_shanghai_day(OLD.close_due_at), -1); END IF;
    IF new_open THEN PERFORM huxin_open_due_add(NEW.town, huxin_shanghai_day(NEW.close_due_at), 1); END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "claims_totals_update" AFTER UPDATE ON "claims" FOR EACH ROW
WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."merged_into_id" IS DISTINCT FROM NEW."merged_into_id"
  OR OLD."workers_count" IS DISTINCT FROM NEW."workers_count" OR OLD."group_id" IS DISTINCT FROM NEW."group_id"
  OR OLD."employer_key" IS DISTINCT FROM NEW."employer_key" OR OLD."accepted_at" IS DISTINCT FROM NEW."accepted_at"
  OR OLD."town" IS DISTINCT FROM NEW."town" OR OLD."source" IS DISTINCT FROM NEW."source"
  OR OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."close_due_at" IS DISTINCT FROM NEW."close_due_at")
EXECUTE FUNCTION "huxin_claim_updated"();--> statement-breakpoint
CREATE FUNCTION "huxin_recoveries_inserted"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  INSERT INTO stats_daily AS s ("day", "town", "wages_fen", "compensation_fen", "indemnity_fen", "social_insurance_fen")
  SELECT huxin_shanghai_day(r.paid_at), c.town,
    coalesce(sum(r.amount_fen) FILTER (WHERE r.kind = 'wages'), 0),
    coalesce(sum(r.amount_fen) FILTER (WHERE r.kind = 'compensation'), 0),
    coalesce(sum(r.amount_fen) FILTER (WHERE r.kind = 'indemnity'), 0),
    coalesce(sum(r.amount_fen) FILTER (WHERE r.kind = 'social_insurance'), 0)
  FROM new_recoveries r JOIN claims c ON c.id = r.claim_id
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("day", "town") DO UPDATE SET "wages_fen" = s."wages_fen" + excluded."wages_fen",
    "compensation_fen" = s."compensation_fen" + excluded."compensation_fen",
    "indemnity_fen" = s."indemnity_fen" + excluded."indemnity_fen",
    "social_insurance_fen" = s."social_insurance_fen" + excluded."social_insurance_fen";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "recoveries_totals_insert" AFTER INSERT ON "recoveries"
REFERENCING NEW TABLE AS new_recoveries FOR EACH STATEMENT EXECUTE FUNCTION "huxin_recoveries_inserted"();--> statement-breakpoint
CREATE FUNCTION "huxin_stats_add_recovery"(p_paid_at timestamptz, p_claim_id uuid, p_kind text, p_fen bigint) RETURNS void
LANGUAGE sql AS $$
  SELECT public.huxin_stats_add(public.huxin_shanghai_day(p_paid_at), c.town, 0, 0, 0, 0, 0, 0,
    CASE WHEN p_kind = 'wages' THEN p_fen ELSE 0 END, CASE WHEN p_kind = 'compensation' THEN p_fen ELSE 0 END,
    CASE WHEN p_kind = 'indemnity' THEN p_fen ELSE 0 END, CASE WHEN p_kind = 'social_insurance' THEN p_fen ELSE 0 END)
  FROM public.claims c WHERE c.id = p_claim_id
$$;--> statement-breakpoint
CREATE FUNCTION "huxin_recovery_changed"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM huxin_stats_add_recovery(OLD.paid_at, OLD.claim_id, OLD.kind, -OLD.amount_fen);
  IF TG_OP = 'UPDATE' THEN
    PERFORM huxin_stats_add_recovery(NEW.paid_at, NEW.claim_id, NEW.kind, NEW.amount_fen);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "recoveries_totals_update" AFTER UPDATE ON "recoveries" FOR EACH ROW
WHEN (OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."amount_fen" IS DISTINCT FROM NEW."amount_fen"
  OR OLD."paid_at" IS DISTINCT FROM NEW."paid_at" OR OLD."claim_id" IS DISTINCT FROM NEW."claim_id")
EXECUTE FUNCTION "huxin_recovery_changed"();--> statement-breakpoint
CREATE TRIGGER "recoveries_totals_delete" AFTER DELETE ON "recoveries" FOR EACH ROW
EXECUTE FUNCTION "huxin_recovery_changed"();--> statement-breakpoint
CREATE FUNCTION "huxin_enforcement_event"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM huxin_stats_add(huxin_shanghai_day(NEW.created_at), (SELECT c.town FROM claims c WHERE c.id = NEW.claim_id), 0, 0, 0, 0,
    CASE WHEN NEW.type = 'transfer_police' THEN 1 ELSE 0 END, CASE WHEN NEW.type = 'apply_blacklist' THEN 1 ELSE 0 END, 0, 0, 0, 0);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "claim_events_totals" AFTER INSERT ON "claim_events" FOR EACH ROW
WHEN (NEW."type" IN ('transfer_police', 'apply_blacklist'))
EXECUTE FUNCTION "huxin_enforcement_event"();--> statement-breakpoint
CREATE FUNCTION "huxin_rebuild_totals"() RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  -- Writers wait while the totals are recomputed (readers do not).
  LOCK TABLE claims, recoveries, claim_events, claim_groups, employers, stats_daily, stats_clue_employers, stats_open_due
    IN SHARE ROW EXCLUSIVE MODE;
  INSERT INTO claim_groups ("id", "key", "employer_key")
  SELECT DISTINCT ON (c.group_id) c.group_id, c.group_key, c.employer_key FROM claims c WHERE c.group_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  INSERT INTO employers ("key", "id", "name", "credit_code")
  SELECT DISTINCT ON (c.employer_key) c.employer_key, md5('employer:' || c.employer_key)::uuid, c.employer_name, c.employer_credit_code
  FROM claims c ON CONFLICT DO NOTHING;
  UPDATE claim_groups g SET "workers_total" = x.pursued, "accepted_workers" = x.accepted
  FROM (
    SELECT g2.id, coalesce(t.pursued, 0) AS pursued, coalesce(t.accepted, 0) AS accepted FROM claim_groups g2 LEFT JOIN (
      SELECT c.group_id,
        sum(c.workers_count) FILTER (WHERE c.merged_into_id IS NULL AND c.status NOT IN ('rejected', 'withdrawn')) AS pursued,
        sum(c.workers_count) FILTER (WHERE c.accepted_at IS NOT NULL AND c.merged_into_id IS NULL) AS accepted
      FROM claims c WHERE c.group_id IS NOT NULL GROUP BY c.group_id
    ) t ON t.group_id = g2.id
  ) x
  WHERE g.id = x.id AND (g.workers_total <> x.pursued OR g.accepted_workers <> x.accepted);
  UPDATE employers e SET "claims_count" = x.n
  FROM (
    SELECT e2.key, coalesce(t.n, 0) AS n FROM employers e2 LEFT JOIN (
      SELECT c.employer_key, count(*) FILTER (WHERE c.merged_into_id IS NULL) AS n FROM claims c GROUP BY c.employer_key
    ) t ON t.employer_key = e2.key
  ) x
  WHERE e.key = x.key AND e.claims_count <> x.n;
  PERFORM huxin_mark_group_cases(NULL);
  DELETE FROM stats_clue_employers;
  INSERT INTO stats_clue_employers ("day", "town", "employer_key", "clues")
  SELECT huxin_shanghai_day(c.created_at), c.town, c.employer_key, count(*) FROM claims c
  WHERE c.source = 'national_platform' GROUP BY 1, 2, 3;
  DELETE FROM stats_open_due;
  INSERT INTO stats_open_due ("town", "day", "open")
  SELECT c.town, huxin_shanghai_day(c.close_due_at), count(*) FROM claims c
  WHERE c.close_due_at IS NOT NULL AND c.merged_into_id IS NULL AND huxin_is_open_accepted(c.status) GROUP BY 1, 2;
  DELETE FROM stats_daily;
  INSERT INTO stats_daily ("day", "town", "clues", "accepted", "workers", "closed", "police_transfers", "blacklist_applications",
    "wages_fen", "compensation_fen", "indemnity_fen", "social_insurance_fen")
  SELECT x.day, x.town, sum(x.clues), sum(x.accepted), sum(x.workers), sum(x.closed), sum(x.police), sum(x.blacklist),
    sum(x.wages), sum(x.compensation), sum(x.indemnity), sum(x.social)
  FROM (
    SELECT huxin_shanghai_day(c.created_at) AS day, c.town, 1 AS clues, 0 AS accepted, 0 AS workers, 0 AS closed, 0 AS police,
      0 AS blacklist, 0::bigint AS wages, 0::bigint AS compensation, 0::bigint AS indemnity, 0::bigint AS social
    FROM claims c WHERE c.source = 'national_platform'
    UNION ALL
    SELECT huxin_shanghai_day(c.accepted_at), c.town, 0, 1, c.workers_count, huxin_is_finished(c.status), 0, 0, 0, 0, 0, 0
    FROM claims c WHERE c.accepted_at IS NOT NULL AND c.merged_into_id IS NULL
    UNION ALL
    SELECT huxin_shanghai_day(e.created_at), c.town, 0, 0, 0, 0, (e.type = 'transfer_police')::int, (e.type = 'apply_blacklist')::int, 0, 0, 0, 0
    FROM claim_events e JOIN claims c ON c.id = e.claim_id WHERE e.type IN ('transfer_police', 'apply_blacklist')
    UNION ALL
    SELECT huxin_shanghai_day(r.paid_at), c.town, 0, 0, 0, 0, 0, 0,
      CASE WHEN r.kind = 'wages' THEN r.amount_fen ELSE 0 END, CASE WHEN r.kind = 'compensation' THEN r.amount_fen ELSE 0 END,
      CASE WHEN r.kind = 'indemnity' THEN r.amount_fen ELSE 0 END, CASE WHEN r.kind = 'social_insurance' THEN r.amount_fen ELSE 0 END
    FROM recoveries r JOIN claims c ON c.id = r.claim_id
  ) x
  GROUP BY x.day, x.town;
END
$$;--> statement-breakpoint
SELECT huxin_rebuild_totals();--> statement-breakpoint
-- Overdue closure looks at today's deadlines row by row (the days before come from stats_open_due).
CREATE INDEX "claims_close_due_idx" ON "claims" USING btree ("close_due_at") INCLUDE ("town")
WHERE "status" IN ('accepted', 'investigating', 'mediating', 'ordered_to_pay') AND "merged_into_id" IS NULL;
