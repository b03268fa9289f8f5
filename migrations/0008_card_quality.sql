-- Issue 15: card quality. Soft-rule flags on generated cards (null: none); why a run's proposed cards were dropped
-- (counts by reason) and how many pages and sections its cards cite (null until a run completes).
ALTER TABLE "cards" ADD COLUMN "quality_flags" jsonb;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "rejections" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "pages_with_cards" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "sections_with_cards" integer;