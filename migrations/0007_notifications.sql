CREATE TABLE "notification_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"user_id" uuid,
	"state" text DEFAULT 'pending' NOT NULL,
	"channel" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"leased_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notification_outbox_event_id_unique" UNIQUE("event_id"),
	CONSTRAINT "notification_outbox_state_known" CHECK ("notification_outbox"."state" in ('pending','sent','failed','skipped')),
	CONSTRAINT "notification_outbox_channel_known" CHECK ("notification_outbox"."channel" is null or "notification_outbox"."channel" in ('wechat','sms'))
);
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_event_id_claim_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."claim_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_outbox_due_idx" ON "notification_outbox" USING btree ("next_attempt_at") WHERE "notification_outbox"."state" = 'pending';--> statement-breakpoint
-- hand-written: every worker-visible event that the worker did not cause themself queues one
-- notification, in the transaction that records the event. `filed` is left out: the worker has
-- just seen the confirmation on screen (and the filing hot path stays one statement).
CREATE FUNCTION "huxin_queue_notification"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  INSERT INTO "notification_outbox" ("event_id", "claim_id", "user_id")
  SELECT NEW."id", c."id", c."claimant_user_id"
  FROM "claims" c
  WHERE c."id" = NEW."claim_id"
    AND (c."claimant_user_id" IS NULL OR NEW."actor_id" IS DISTINCT FROM c."claimant_user_id")
  ON CONFLICT ("event_id") DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "claim_events_queue_notification" AFTER INSERT ON "claim_events"
FOR EACH ROW WHEN (NEW."visibility" = 'worker' AND NEW."type" <> 'filed')
EXECUTE FUNCTION "huxin_queue_notification"();
