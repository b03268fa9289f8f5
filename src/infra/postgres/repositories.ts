import type { Repositories } from '../../core/index.js';
import { createCardRepository } from './card-repository.js';
import type { Database } from './database.js';
import { createDeckRepository } from './deck-repository.js';
import { createSessionRepository } from './session-repository.js';
import { createUserRepository } from './user-repository.js';

/** All repositories over one drizzle database (PGlite or node-postgres). */
export function createPostgresRepositories(db: Database): Repositories {
  return {
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    decks: createDeckRepository(db),
    cards: createCardRepository(db),
  };
}
