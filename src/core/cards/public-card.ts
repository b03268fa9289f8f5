import type { Card } from '../domain.js';

/**
 * A card as clients see it, in the API's JSON and in the OpenDeck JSON export alike (so an export is what the API
 * returns): ISO 8601 UTC dates, and no user_id, since ownership is the deck's business, not the client's.
 */
export const publicCard = (c: Card) => ({
  id: c.id,
  deck_id: c.deck_id,
  question: c.question,
  answer: c.answer,
  source: c.source,
  source_url: c.source_url,
  source_ref: c.source_ref,
  quality_flags: c.quality_flags ?? [],
  created_at: c.created_at.toISOString(),
  updated_at: c.updated_at.toISOString(),
});
