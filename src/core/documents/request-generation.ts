import { requireUser } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { createDeck } from '../decks/create-deck.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';
import type { Document, DocumentBatch, GenerationOptions } from './document.js';
import type { Ctx } from '../context.js';
import type { GenerateInput } from './document-schemas.js';

export const DOCUMENT_NOT_FOUND = 'The document';

export const alreadyRunning = () =>
  new CoreError('conflict', 'Cards are already being generated for this document. Wait for it to finish.');

function startOfMonthUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** Refuses new generation work once the user's monthly token budget is spent. */
export async function assertWithinTokenBudget(ctx: Ctx, userId: string): Promise<void> {
  const budget = ctx.ports.documentSettings.monthlyTokenBudget;
  if (budget === null) return;
  const now = ctx.ports.clock.now();
  const used = await ctx.ports.documents.tokensUsedSince(userId, startOfMonthUtc(now));
  if (used < budget) return;
  const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  throw new CoreError(
    'rate_limited',
    `You have used your AI budget for this month (${used} of ${budget} tokens). It renews on ${nextMonth.toISOString().slice(0, 10)}.`,
    { retryAfterSeconds: Math.ceil((nextMonth.getTime() - now.getTime()) / 1000) },
  );
}

/**
 * Checks a generation request before anything is written: the provider (a validation error for one that is
 * not configured), the monthly budget, and that a given deck is the caller's own.
 */
export async function checkGeneration(ctx: Ctx, input: GenerateInput): Promise<void> {
  const userId = requireUser(ctx);
  ctx.ports.generators.get(input.provider);
  await assertWithinTokenBudget(ctx, userId);
  if (input.deck_id && !(isUuid(input.deck_id) && (await ctx.ports.decks.get(userId, input.deck_id)))) throw notFound(DECK_NOT_FOUND);
}

/**
 * The options of a request checkGeneration passed. Creates the new deck the request asks for (named after
 * `namedAfter` when it has no title), so call it once the rest of the work is known to be accepted. `batch` names
 * the files uploaded together (they then share one notification).
 */
export async function settleGeneration(
  ctx: Ctx,
  input: GenerateInput,
  namedAfter: Document,
  batch?: DocumentBatch,
): Promise<GenerationOptions> {
  const generator = ctx.ports.generators.get(input.provider);
  const deckId =
    input.deck_id ??
    (
      await createDeck({
        ctx,
        input: {
          title: input.title ?? (namedAfter.filename.replace(/\.[^.]+$/, '').slice(0, 200) || 'Untitled deck'),
          description: input.description,
          category: input.category,
          difficulty: input.difficulty,
        },
      })
    ).id;
  return {
    deck_id: deckId,
    max_cards: input.max_cards ?? ctx.ports.documentSettings.defaultMaxCards,
    language: input.language ?? null,
    provider: generator.provider,
    model: generator.model,
    ...(batch ? { batch } : {}),
  };
}

/** Marks one document pending with checked options and queues its job. */
export async function queueGeneration(ctx: Ctx, doc: Document, options: GenerationOptions): Promise<Document> {
  const userId = requireUser(ctx);
  if (doc.status === 'pending' || doc.status === 'processing') throw alreadyRunning();
  const pending = await ctx.ports.documents.markPending(userId, doc.id, options, ctx.ports.clock.now());
  if (!pending) {
    // Refused atomically: either deleted meanwhile, or another request queued it first.
    if (await ctx.ports.documents.get(userId, doc.id)) throw alreadyRunning();
    throw notFound(DOCUMENT_NOT_FOUND);
  }
  await ctx.ports.queue.enqueue({ documentId: doc.id, userId });
  return pending;
}

export async function loadOwnDocument(ctx: Ctx, documentId: string): Promise<Document> {
  const userId = requireUser(ctx);
  const doc = isUuid(documentId) ? await ctx.ports.documents.get(userId, documentId) : null;
  if (!doc) throw notFound(DOCUMENT_NOT_FOUND);
  return doc;
}
