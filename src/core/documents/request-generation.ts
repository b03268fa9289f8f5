import { requireUser } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { parseInput } from '../validate.js';
import { createDeck } from '../decks/create-deck.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';
import type { Document, GenerationOptions } from './document.js';
import type { Ctx } from '../context.js';
import { generateInput, type GenerateInput } from './document-schemas.js';

export const DOCUMENT_NOT_FOUND = 'The document';

const alreadyRunning = () => new CoreError('conflict', 'Cards are already being generated for this document. Wait for it to finish.');

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

/** The deck the cards go to: the user's own deck, or a new one named after the document. */
async function resolveDeck(ctx: Ctx, input: GenerateInput, doc: Document): Promise<string> {
  const userId = requireUser(ctx);
  if (input.deck_id) {
    if (!(await ctx.ports.decks.get(userId, input.deck_id))) throw notFound(DECK_NOT_FOUND);
    return input.deck_id;
  }
  const deck = await createDeck({
    ctx,
    input: {
      title: input.title ?? (doc.filename.replace(/\.[^.]+$/, '').slice(0, 200) || 'Untitled deck'),
      description: input.description,
      category: input.category,
      difficulty: input.difficulty,
    },
  });
  return deck.id;
}

/** Queues card generation for one document. Validation and budget come first, so a refusal changes nothing. */
export async function requestGeneration(ctx: Ctx, doc: Document, rawInput: unknown): Promise<Document> {
  const userId = requireUser(ctx);
  const input = parseInput(generateInput, rawInput ?? {});
  if (doc.status === 'pending' || doc.status === 'processing') throw alreadyRunning();
  // Throws a validation error for a provider that is not configured, before anything is written.
  const generator = ctx.ports.generators.get(input.provider);
  await assertWithinTokenBudget(ctx, userId);
  const options: GenerationOptions = {
    deck_id: await resolveDeck(ctx, input, doc),
    max_cards: input.max_cards ?? ctx.ports.documentSettings.defaultMaxCards,
    language: input.language ?? null,
    provider: generator.provider,
    model: generator.model,
  };
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
