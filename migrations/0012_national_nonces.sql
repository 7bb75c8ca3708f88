CREATE TABLE "national_nonces" (
	"key" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "national_nonces_expires_idx" ON "national_nonces" USING btree ("expires_at");