/**
 * In-memory repositories: fast, dependency-free stand-ins for tests and throwaway runs. They pass the same
 * contract suite as the Postgres ones (test/contract), so code tested against them behaves the same on SQL.
 */
import type { DocumentPorts, Repositories } from '../../core/index.js';
import { createMemoryCardRepository } from './memory-cards.js';
import { createMemoryDeckRepository } from './memory-decks.js';
import { createMemoryDocumentRepository } from './memory-documents.js';
import { createMemoryGenerationCache } from './memory-generation-cache.js';
import { createMemoryIdentityRepository } from './memory-identities.js';
import { createMemorySessionRepository } from './memory-sessions.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { createMemoryUserRepository } from './memory-users.js';
import { createMemoryStudyRepository } from './memory-study.js';
import { createMemoryStudySessionRepository } from './memory-study-sessions.js';

export { createMemoryStore, type MemoryStore };

/** The document ports that live next to the repositories (in the same database, for Postgres). */
export type MemoryDocumentPorts = Pick<DocumentPorts, 'documents' | 'cache'>;
export type MemoryRepositories = Repositories & MemoryDocumentPorts;

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
    study: createMemoryStudyRepository(store),
    studySessions: createMemoryStudySessionRepository(store),
    ...createMemoryDocumentPorts(store),
  };
}
