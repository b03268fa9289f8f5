import { and, eq, sql } from 'drizzle-orm';
import { isUuid, type GenerationCache } from '../../core/index.js';
import type { Database } from './database.js';
import { generationCache } from './schema.js';

/** Earlier generation results per user, so the same file with the same options costs no second model call. */
export function createPostgresGenerationCache(db: Database): GenerationCache {
  return {
    async get(userId, key) {
      if (!isUuid(userId)) return null;
      const [row] = await db
        .select({ value: generationCache.value })
        .from(generationCache)
        .where(and(eq(generationCache.user_id, userId), eq(generationCache.key, key)));
      return row?.value ?? null;
    },
    async put(userId, key, value) {
      if (!isUuid(userId)) return;
      // Upsert: two jobs finishing the same generation at once both succeed, and the later result wins.
      await db
        .insert(generationCache)
        .values({ user_id: userId, key, value })
        .onConflictDoUpdate({
          target: [generationCache.user_id, generationCache.key],
          set: { value: sql`excluded.value`, created_at: sql`excluded.created_at` },
        });
    },
  };
}
