CREATE TABLE "help_point_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"help_point_id" uuid NOT NULL,
	"change" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"status" text NOT NULL,
	"status_note" text,
	"status_changed_at" timestamp with time zone,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_point_changes_change_known" CHECK ("help_point_changes"."change" in ('create','update','status','delete','import'))
);
--> statement-breakpoint
CREATE TABLE "help_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hours_exceptions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"open_on_holidays" boolean DEFAULT false NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"town" text,
	"status" text DEFAULT 'open' NOT NULL,
	"status_note" text,
	"status_changed_at" timestamp with time zone,
	"status_changed_by" uuid,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_points_kind_known" CHECK ("help_points"."kind" in ('labour_inspection','arbitration','legal_aid','trade_union','court','labour_station','hotline')),
	CONSTRAINT "help_points_status_known" CHECK ("help_points"."status" in ('open','busy','closed_today','suspended')),
	CONSTRAINT "help_points_lat_range" CHECK ("help_points"."lat" between -90 and 90),
	CONSTRAINT "help_points_lng_range" CHECK ("help_points"."lng" between -180 and 180),
	CONSTRAINT "help_points_location_pair" CHECK (("help_points"."lat" is null) = ("help_points"."lng" is null)),
	CONSTRAINT "help_points_location_required" CHECK ("help_points"."lat" is not null or "help_points"."kind" = 'hotline')
);
--> statement-breakpoint
ALTER TABLE "help_point_changes" ADD CONSTRAINT "help_point_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_points" ADD CONSTRAINT "help_points_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_points" ADD CONSTRAINT "help_points_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_points" ADD CONSTRAINT "help_points_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_point_changes_point_idx" ON "help_point_changes" USING btree ("help_point_id","changed_at");--> statement-breakpoint
CREATE INDEX "help_point_changes_at_idx" ON "help_point_changes" USING btree ("changed_at");--> statement-breakpoint
CREATE INDEX "help_points_lat_lng_idx" ON "help_points" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "help_points_remote_idx" ON "help_points" USING btree ("kind") WHERE "help_points"."lat" is null;--> statement-breakpoint
-- hand-written: the nearest-point search (TOOLCHAIN.md). Our own IMMUTABLE geo function, written
-- out with every name schema-qualified instead of calling earthdistance's ll_to_earth (whose body
-- names earth() and cube() unqualified): a dump/restore, which runs with an empty search_path,
-- still rebuilds the index, and without a `SET search_path` clause every call stays cheap (with it
-- a KNN query took twice as long). The GiST index on it serves
-- `ORDER BY help_point_geo(lat, lng) <-> help_point_geo($1, $2) LIMIT n` (KNN).
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE OR REPLACE FUNCTION help_point_geo(lat double precision, lng double precision) RETURNS public.earth
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT public.cube(public.cube(public.cube(public.earth() * pg_catalog.cos(pg_catalog.radians(lat)) * pg_catalog.cos(pg_catalog.radians(lng))), public.earth() * pg_catalog.cos(pg_catalog.radians(lat)) * pg_catalog.sin(pg_catalog.radians(lng))), public.earth() * pg_catalog.sin(pg_catalog.radians(lat)))::public.earth $$;--> statement-breakpoint
CREATE INDEX "help_points_geo_idx" ON "help_points" USING gist (help_point_geo("lat", "lng"));
