CREATE TABLE "card_study_states" (
	"user_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"deck_id" uuid NOT NULL,
	"card_created_at" timestamp with time zone NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"stability" double precision NOT NULL,
	"difficulty" double precision NOT NULL,
	"elapsed_days" integer NOT NULL,
	"scheduled_days" integer NOT NULL,
	"learning_steps" integer NOT NULL,
	"reps" integer NOT NULL,
	"lapses" integer NOT NULL,
	"state" text NOT NULL,
	"last_review" timestamp with time zone,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "card_study_states_pk" PRIMARY KEY("user_id","card_id"),
	CONSTRAINT "card_study_states_state_known" CHECK ("card_study_states"."state" in ('new', 'learning', 'review', 'relearning'))
);
--> statement-breakpoint
CREATE TABLE "study_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"user_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"deck_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"rating" text,
	"state_before" jsonb NOT NULL,
	"state_after" jsonb NOT NULL,
	"version" integer NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"duration_ms" integer,
	"idempotency_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	CONSTRAINT "study_reviews_user_key_unique" UNIQUE("user_id","idempotency_key"),
	CONSTRAINT "study_reviews_kind_known" CHECK ("study_reviews"."kind" in ('review', 'reset'))
);
--> statement-breakpoint
CREATE TABLE "study_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"deck_id" uuid NOT NULL,
	"session_type" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"cards_reviewed" integer DEFAULT 0 NOT NULL,
	"cards_correct" integer DEFAULT 0 NOT NULL,
	"cards_incorrect" integer DEFAULT 0 NOT NULL,
	"card_ids" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "card_study_states" ADD CONSTRAINT "card_study_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_study_states" ADD CONSTRAINT "card_study_states_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_study_states" ADD CONSTRAINT "card_study_states_deck_id_decks_id_fk" FOREIGN KEY ("deck_id") REFERENCES "public"."decks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_reviews" ADD CONSTRAINT "study_reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_reviews" ADD CONSTRAINT "study_reviews_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_reviews" ADD CONSTRAINT "study_reviews_deck_id_decks_id_fk" FOREIGN KEY ("deck_id") REFERENCES "public"."decks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_deck_id_decks_id_fk" FOREIGN KEY ("deck_id") REFERENCES "public"."decks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_settings" ADD CONSTRAINT "study_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_study_states_deck_due_idx" ON "card_study_states" USING btree ("user_id","deck_id","due","card_id") WHERE "card_study_states"."state" <> 'new';--> statement-breakpoint
CREATE INDEX "card_study_states_user_due_idx" ON "card_study_states" USING btree ("user_id","due","card_id") WHERE "card_study_states"."state" <> 'new';--> statement-breakpoint
CREATE INDEX "card_study_states_card_idx" ON "card_study_states" USING btree ("card_id");--> statement-breakpoint
CREATE INDEX "card_study_states_deck_idx" ON "card_study_states" USING btree ("deck_id");--> statement-breakpoint
CREATE INDEX "study_reviews_card_version_idx" ON "study_reviews" USING btree ("card_id","version");--> statement-breakpoint
CREATE INDEX "study_reviews_user_time_idx" ON "study_reviews" USING btree ("user_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "study_reviews_deck_time_idx" ON "study_reviews" USING btree ("user_id","deck_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "study_reviews_user_last_idx" ON "study_reviews" USING btree ("user_id","seq") WHERE "study_reviews"."kind" = 'review' and "study_reviews"."undone_at" is null;--> statement-breakpoint
CREATE INDEX "study_reviews_deck_last_idx" ON "study_reviews" USING btree ("user_id","deck_id","seq") WHERE "study_reviews"."kind" = 'review' and "study_reviews"."undone_at" is null;--> statement-breakpoint
CREATE INDEX "study_reviews_deck_idx" ON "study_reviews" USING btree ("deck_id");--> statement-breakpoint
CREATE INDEX "study_sessions_user_started_idx" ON "study_sessions" USING btree ("user_id","started_at","id");--> statement-breakpoint
CREATE INDEX "study_sessions_deck_idx" ON "study_sessions" USING btree ("deck_id");--> statement-breakpoint
CREATE UNIQUE INDEX "study_sessions_one_open_idx" ON "study_sessions" USING btree ("user_id","deck_id") WHERE "study_sessions"."ended_at" is null;