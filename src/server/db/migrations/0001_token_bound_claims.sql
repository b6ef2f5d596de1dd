ALTER TABLE "orders" ADD COLUMN "claimed_by_token" text;--> statement-breakpoint
ALTER TABLE "sync_clients" ADD COLUMN "token_name" text;