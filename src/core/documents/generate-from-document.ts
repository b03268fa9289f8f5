import type { UseCaseArgs } from '../context.js';
import type { Document } from './document.js';
import type { Ctx } from '../context.js';
import { loadOwnDocument, requestGeneration } from './request-generation.js';

/** POST /documents/{id}/generate: queue generation into an existing or a new deck (202). */
export async function generateFromDocument({ ctx, input }: UseCaseArgs<{ documentId: string; options: unknown }>): Promise<Document> {
  const doc = await loadOwnDocument(ctx, input.documentId);
  return requestGeneration(ctx, doc, input.options);
}
