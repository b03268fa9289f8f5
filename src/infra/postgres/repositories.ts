import type { Repositories } from '../../core/index.js';
import { createPostgresCardRepository } from './card-repository.js';
import type { Database } from './database.js';
import { createPostgresDeckRepository } from './deck-repository.js';
import { createPostgresDocumentRepository } from './document-repository.js';
import { createPostgresGenerationCache } from './generation-cache.js';
import { createPostgresIdentityRepository } from './identity-repository.js';
import { createPostgresNotificationRepository } from './notification-repository.js';
import { createPostgresSessionRepository } from './session-repository.js';
import { refuseUnstorableText } from './unstorable-text.js';
import { createPostgresUserRepository } from './user-repository.js';
import { createPostgresStudyRepository } from './study-repository.js';
import { createPostgresStudySessionRepository } from './study-session-repository.js';

/** The repositories plus the document ports that live in the same database. */
export type PostgresRepositories = Repositories;

/** All repositories over one drizzle database (PGlite or node-postgres). */
export function createPostgresRepositories(db: Database): PostgresRepositories {
  return refuseUnstorableText({
    users: createPostgresUserRepository(db),
    sessions: createPostgresSessionRepository(db),
    decks: createPostgresDeckRepository(db),
    cards: createPostgresCardRepository(db),
    identities: createPostgresIdentityRepository(db),
    notifications: createPostgresNotificationRepository(db),
    study: createPostgresStudyRepository(db),
    studySessions: createPostgresStudySessionRepository(db),
    documents: createPostgresDocumentRepository(db),
    cache: createPostgresGenerationCache(db),
  });
}
