import type { GenerationCache } from '../../core/index.js';
import { idKey, type MemoryStore } from './store.js';

/**
 * Stored as JSON text, like jsonb: callers get a fresh copy each time, and what JSON cannot hold (undefined
 * properties, functions) is dropped here exactly as it is in Postgres, so tests cannot lean on it.
 */
export function createMemoryGenerationCache(store: MemoryStore): GenerationCache {
  return {
    async get(userId, key) {
      const text = store.generationCache.get(idKey(userId))?.get(key);
      return text === undefined ? null : JSON.parse(text);
    },
    async put(userId, key, value) {
      const user = idKey(userId);
      const entries = store.generationCache.get(user) ?? new Map<string, string>();
      entries.set(key, JSON.stringify(value));
      store.generationCache.set(user, entries);
    },
  };
}
