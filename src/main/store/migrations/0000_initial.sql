CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_subject` ON `audit_log` (`subject`,`at`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`order_number` text NOT NULL,
	`line_id` text NOT NULL,
	`position` integer NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`order_number`, `line_id`),
	FOREIGN KEY (`order_number`) REFERENCES `orders`(`order_number`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`order_number` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`claimed_by` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`answered_at` integer,
	`reject_code` text,
	`reject_message` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`seq`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_rejected` ON `outbox` (`seq`) WHERE status = 'rejected';--> statement-breakpoint
CREATE TABLE `pack_sessions` (
	`station_id` text PRIMARY KEY NOT NULL,
	`order_number` text,
	`state` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `packed_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` text NOT NULL,
	`order_number` text NOT NULL,
	`line_id` text NOT NULL,
	`sku` text NOT NULL,
	`serial` text,
	`serial_key` text,
	`packer` text NOT NULL,
	`station_id` text NOT NULL,
	`packed_at` integer NOT NULL,
	`status` text DEFAULT 'packed' NOT NULL,
	`removed_at` integer,
	`removed_by` text,
	`removal_reason` text,
	`shipment_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packed_units_unit_id` ON `packed_units` (`unit_id`);--> statement-breakpoint
CREATE INDEX `packed_units_serial_key` ON `packed_units` (`serial_key`,`packed_at`);--> statement-breakpoint
CREATE INDEX `packed_units_order` ON `packed_units` (`order_number`,`packed_at`);--> statement-breakpoint
CREATE INDEX `packed_units_sku` ON `packed_units` (`sku`,`packed_at`);--> statement-breakpoint
CREATE INDEX `packed_units_packer` ON `packed_units` (`packer`,`packed_at`);--> statement-breakpoint
CREATE INDEX `packed_units_packed_at` ON `packed_units` (`packed_at`);--> statement-breakpoint
CREATE TABLE `product_barcodes` (
	`barcode` text NOT NULL,
	`sku` text NOT NULL,
	PRIMARY KEY(`barcode`, `sku`),
	FOREIGN KEY (`sku`) REFERENCES `products`(`sku`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `products` (
	`sku` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`needs_serial_number` integer NOT NULL,
	`barcodes` text NOT NULL,
	`serial_format` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pull_cursors` (
	`stream` text PRIMARY KEY NOT NULL,
	`cursor` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shipments` (
	`shipment_id` text PRIMARY KEY NOT NULL,
	`order_number` text NOT NULL,
	`tracking_number` text NOT NULL,
	`carrier` text NOT NULL,
	`shipped_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shipments_order` ON `shipments` (`order_number`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`last_seq` integer NOT NULL,
	`created_at` integer NOT NULL
);
