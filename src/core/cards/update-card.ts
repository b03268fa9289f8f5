import { requireUser, type UseCaseArgs } from '../context.js';
import type { Card } from '../domain.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import type { CardPatch } from '../ports/index.js';
import { cardUpdateInput } from '../schemas.js';
import { parseInput } from '../validate.js';
import { normaliseSourceRef } from './card-rules.js';
import { CARD_NOT_FOUND } from './get-card.js';

/** Changes only the fields given. `source` can be changed but never cleared: every card cites something. */
export async function updateCard({ ctx, input }: UseCaseArgs<{ cardId: string; changes: unknown }>): Promise<Card> {
  const userId = requireUser(ctx);
  if (!isUuid(input.cardId)) throw notFound(CARD_NOT_FOUND);
  const data = parseInput(cardUpdateInput, input.changes ?? {});
  const patch: CardPatch = {};
  if (data.question !== undefined) patch.question = data.question;
  if (data.answer !== undefined) patch.answer = data.answer;
  if (data.source !== undefined) patch.source = data.source;
  if (data.source_url !== undefined) patch.source_url = data.source_url || null;
  if (data.source_ref !== undefined) patch.source_ref = normaliseSourceRef(data.source_ref);
  // The flags judged the generated wording; once the student rewrites it, the card is theirs.
  if (patch.question !== undefined || patch.answer !== undefined) patch.quality_flags = [];
  const card = await ctx.ports.cards.update(userId, input.cardId, patch, ctx.ports.clock.now());
  if (!card) throw notFound(CARD_NOT_FOUND);
  return card;
}
