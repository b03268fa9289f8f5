import type { DocumentPorts, Repositories } from '../../core/index.js';
import { createCardRepository } from './card-repository.js';
import type { Database } from './database.js';
import { createDeckRepository } from './deck-repository.js';
import { createDocumentRepository } from './document-repository.js';
import { createGenerationCache } from './generation-cache.js';
import { createIdentityRepository } from './identity-repository.js';
import { createNotificationRepository } from './notification-repository.js';
import { createSessionRepository } from './session-repository.js';
import { refuseUnstorableText } from './unstorable-text.js';
import { createUserRepository } from './user-repository.js';

/** The repositories plus the document ports that live in the same database. */
export type PostgresRepositories = Repositories & Pick<DocumentPorts, 'documents' | 'cache'>;

/** All repositories over one drizzle database (PGlite or node-postgres). */
export function createPostgresRepositories(db: Database): PostgresRepositories {
  return refuseUnstorableText({
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    decks: createDeckRepository(db),
    cards: createCardRepository(db),
    identities: createIdentityRepository(db),
    notifications: createNotificationRepository(db),
    documents: createDocumentRepository(db),
    cache: createGenerationCache(db),
  });
}
