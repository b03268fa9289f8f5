import type { UseCaseArgs } from '../context.js';
import type { Document } from './document.js';
import { loadOwnDocument } from './request-generation.js';

export async function getDocument({ ctx, input }: UseCaseArgs<{ documentId: string }>): Promise<Document> {
  return loadOwnDocument(ctx, input.documentId);
}
