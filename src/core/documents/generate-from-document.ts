import type { UseCaseArgs } from '../context.js';
import { parseInput } from '../validate.js';
import type { Document } from './document.js';
import { generateInput } from './document-schemas.js';
import { alreadyRunning, checkGeneration, loadOwnDocument, queueGeneration, settleGeneration } from './request-generation.js';

/** POST /documents/{id}/generate: queue generation into an existing or a new deck (202). */
export async function generateFromDocument({ ctx, input }: UseCaseArgs<{ documentId: string; options: unknown }>): Promise<Document> {
  const options = parseInput(generateInput, input.options ?? {});
  const doc = await loadOwnDocument(ctx, input.documentId);
  // Refused before a new deck is made for it.
  if (doc.status === 'pending' || doc.status === 'processing') throw alreadyRunning();
  await checkGeneration(ctx, options);
  return queueGeneration(ctx, doc, await settleGeneration(ctx, options, doc));
}
