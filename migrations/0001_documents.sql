CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"format" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"page_count" integer,
	"cards_generated" integer DEFAULT 0 NOT NULL,
	"cards_rejected" integer DEFAULT 0 NOT NULL,
	"deck_id" uuid,
	"language" text,
	"error_message" text,
	"generation" jsonb,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"estimated_cost_usd" double precision,
	"processed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_status_known" CHECK ("documents"."status" in ('uploaded', 'pending', 'processing', 'completed', 'failed')),
	CONSTRAINT "documents_format_known" CHECK ("documents"."format" in ('pdf', 'docx', 'txt', 'markdown')),
	CONSTRAINT "documents_progress_percent" CHECK ("documents"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "generation_cache" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_cache_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "token_usage" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "token_usage_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_deck_id_decks_id_fk" FOREIGN KEY ("deck_id") REFERENCES "public"."decks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_cache" ADD CONSTRAINT "generation_cache_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_usage" ADD CONSTRAINT "token_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_user_created_idx" ON "documents" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "documents_unfinished_idx" ON "documents" USING btree ("created_at","id") WHERE "documents"."status" in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "documents_deck_id_idx" ON "documents" USING btree ("deck_id");--> statement-breakpoint
CREATE INDEX "token_usage_user_recorded_idx" ON "token_usage" USING btree ("user_id","recorded_at");