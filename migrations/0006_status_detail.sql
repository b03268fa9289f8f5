-- Issue 12: a sentence about a document's state besides its status (waiting for the AI provider; every card
-- already in the deck). Nullable, no default: existing rows have nothing to say.
ALTER TABLE "documents" ADD COLUMN "status_detail" text;