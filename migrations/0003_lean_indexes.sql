ALTER TABLE "claims" DROP CONSTRAINT "claims_national_clue_id_unique";--> statement-breakpoint
DROP INDEX "idempotency_keys_created_idx";--> statement-breakpoint
DROP INDEX "claims_claimant_phone_hash_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "claims_national_clue_id_unique" ON "claims" USING btree ("national_clue_id") WHERE "claims"."national_clue_id" is not null;--> statement-breakpoint
CREATE INDEX "claims_claimant_phone_hash_idx" ON "claims" USING btree ("claimant_phone_hash") WHERE "claims"."claimant_phone_hash" is not null;