ALTER TABLE "employers" ADD COLUMN "supervised" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "town" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "size" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "linked_key" text;--> statement-breakpoint
CREATE INDEX "employers_register_name_idx" ON "employers" USING btree ("name_key") WHERE "employers"."supervised";--> statement-breakpoint
CREATE INDEX "employers_register_town_idx" ON "employers" USING btree ("town") WHERE "employers"."supervised";--> statement-breakpoint
CREATE INDEX "national_clues_linked_received_idx" ON "national_clues" USING btree ("received_at") WHERE "national_clues"."disposition" = 'linked';