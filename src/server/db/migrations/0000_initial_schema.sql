CREATE TABLE "api_tokens" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_name_unique" UNIQUE("name"),
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_clock" (
	"id" integer PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"order_number" text NOT NULL,
	"line_id" text NOT NULL,
	"position" integer NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "order_lines_order_number_line_id_pk" PRIMARY KEY("order_number","line_id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"order_number" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"claimed_by" text,
	"version" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "packed_units" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"line_id" text NOT NULL,
	"sku" text NOT NULL,
	"serial" text,
	"serial_key" text,
	"packer" text NOT NULL,
	"station_id" text NOT NULL,
	"client_id" uuid NOT NULL,
	"station_packed_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" text,
	"removed_reason" text
);
--> statement-breakpoint
CREATE TABLE "products" (
	"sku" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"needs_serial_number" boolean NOT NULL,
	"barcodes" jsonb NOT NULL,
	"serial_format" jsonb,
	"version" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "serial_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"old_serial" text,
	"new_serial" text NOT NULL,
	"reason" text NOT NULL,
	"packer" text NOT NULL,
	"station_changed_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"allow_duplicate_serials_in_order" boolean NOT NULL,
	"cross_order_serial_policy" text NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"tracking_number" text PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"shipped_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "shipments_order_number_unique" UNIQUE("order_number")
);
--> statement-breakpoint
CREATE TABLE "shipped_serials" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"serial" text NOT NULL,
	"serial_key" text NOT NULL,
	"sku" text NOT NULL,
	"product_name" text NOT NULL,
	"order_number" text NOT NULL,
	"tracking_number" text NOT NULL,
	"shipped_at" timestamp with time zone NOT NULL,
	"packer" text NOT NULL,
	"station_id" text NOT NULL,
	"unit_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_clients" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_events" (
	"client_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"code" text,
	"message" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_events_client_id_seq_pk" PRIMARY KEY("client_id","seq")
);
--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_number_orders_order_number_fk" FOREIGN KEY ("order_number") REFERENCES "public"."orders"("order_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packed_units" ADD CONSTRAINT "packed_units_order_number_orders_order_number_fk" FOREIGN KEY ("order_number") REFERENCES "public"."orders"("order_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_number_orders_order_number_fk" FOREIGN KEY ("order_number") REFERENCES "public"."orders"("order_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_version_idx" ON "orders" USING btree ("version","order_number");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status","order_number");--> statement-breakpoint
CREATE INDEX "packed_units_order_idx" ON "packed_units" USING btree ("order_number");--> statement-breakpoint
CREATE INDEX "packed_units_sku_serial_idx" ON "packed_units" USING btree ("sku","serial_key");--> statement-breakpoint
CREATE INDEX "products_version_idx" ON "products" USING btree ("version","sku");--> statement-breakpoint
CREATE INDEX "products_lower_name_idx" ON "products" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "shipped_serials_key_idx" ON "shipped_serials" USING btree ("serial_key");--> statement-breakpoint
CREATE INDEX "shipped_serials_time_idx" ON "shipped_serials" USING btree ("shipped_at","id");--> statement-breakpoint
CREATE INDEX "shipped_serials_sku_idx" ON "shipped_serials" USING btree ("sku","shipped_at");--> statement-breakpoint
CREATE INDEX "shipped_serials_order_idx" ON "shipped_serials" USING btree ("order_number");--> statement-breakpoint
CREATE UNIQUE INDEX "shipped_serials_unit_idx" ON "shipped_serials" USING btree ("unit_id");