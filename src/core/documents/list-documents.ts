import { requireUser, type UseCaseArgs } from '../context.js';
import type { Page } from '../domain.js';
import { pageQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { Document } from './document.js';

/** Newest first. */
export async function listDocuments({ ctx, input }: UseCaseArgs<unknown>): Promise<Page<Document>> {
  const userId = requireUser(ctx);
  return ctx.ports.documents.list(userId, parseInput(pageQuery, input ?? {}));
}
