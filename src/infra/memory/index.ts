/**
 * In-memory repositories: fast, dependency-free stand-ins for tests and throwaway runs. They pass the same
 * contract suite as the Postgres ones (test/contract), so code tested against them behaves the same on SQL.
 */
import type { Repositories } from '../../core/index.js';
import { createMemoryCardRepository } from './memory-cards.js';
import { createMemoryDeckRepository } from './memory-decks.js';
import { createMemorySessionRepository } from './memory-sessions.js';
import { createMemoryStore } from './memory-store.js';
import { createMemoryUserRepository } from './memory-users.js';

/** A fresh, empty set of repositories sharing one store (so deck deletes drop cards, and so on). */
export function createMemoryRepositories(): Repositories {
  const store = createMemoryStore();
  return {
    users: createMemoryUserRepository(store),
    sessions: createMemorySessionRepository(store),
    decks: createMemoryDeckRepository(store),
    cards: createMemoryCardRepository(store),
  };
}
