import type { DocumentPorts, Repositories } from '../../core/index.js';
import { createCardRepository } from './card-repository.js';
import type { Database } from './database.js';
import { createDeckRepository } from './deck-repository.js';
import { createDocumentRepository } from './document-repository.js';
import { createGenerationCache } from './generation-cache.js';
import { createIdentityRepository } from './identity-repository.js';
import { createSessionRepository } from './session-repository.js';
import { refuseUnstorableText } from './unstorable-text.js';
import { createUserRepository } from './user-repository.js';
import { createStudyRepository } from './study-repository.js';
import { createStudySessionRepository } from './study-session-repository.js';

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
    study: createStudyRepository(db),
    studySessions: createStudySessionRepository(db),
    documents: createDocumentRepository(db),
    cache: createGenerationCache(db),
  });
}
