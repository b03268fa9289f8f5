/**
 * In-memory repositories: fast, dependency-free stand-ins for tests and throwaway runs. They pass the same
 * contract suite as the Postgres ones (test/contract), so code tested against them behaves the same on SQL.
 */
import type { Repositories } from '../../core/index.js';
import { createMemoryCardRepository } from './card-repository.js';
import { createMemoryDeckRepository } from './deck-repository.js';
import { createMemoryDocumentRepository } from './document-repository.js';
import { createMemoryGenerationCache } from './generation-cache.js';
import { createMemoryIdentityRepository } from './identity-repository.js';
import { createMemoryNotificationRepository } from './notification-repository.js';
import { createMemorySessionRepository } from './session-repository.js';
import { createMemoryStore, type MemoryStore } from './store.js';
import { createMemoryStudyRepository } from './study-repository.js';
import { createMemoryStudySessionRepository } from './study-session-repository.js';
import { createMemoryUserRepository } from './user-repository.js';

export { createMemoryStore, type MemoryStore };

/** The document ports that live next to the repositories (in the same database, for Postgres). */
export type MemoryDocumentPorts = Pick<Repositories, 'documents' | 'cache'>;
export type MemoryRepositories = Repositories;

/**
 * The document repository and generation cache over a store. Pass the store of the card and deck
 * repositories they work with: document completion inserts cards and raises card_count in it.
 */
export function createMemoryDocumentPorts(store: MemoryStore): MemoryDocumentPorts {
  return { documents: createMemoryDocumentRepository(store), cache: createMemoryGenerationCache(store) };
}

/**
 * A set of repositories sharing one store (so deck deletes drop cards, completed documents add them, and
 * so on), fresh and empty unless a store is given. Includes the document ports `documents` and `cache`.
 */
export function createMemoryRepositories(store: MemoryStore = createMemoryStore()): MemoryRepositories {
  return {
    users: createMemoryUserRepository(store),
    sessions: createMemorySessionRepository(store),
    decks: createMemoryDeckRepository(store),
    cards: createMemoryCardRepository(store),
    identities: createMemoryIdentityRepository(store),
    notifications: createMemoryNotificationRepository(store),
    study: createMemoryStudyRepository(store),
    studySessions: createMemoryStudySessionRepository(store),
    ...createMemoryDocumentPorts(store),
  };
}
