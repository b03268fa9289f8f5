/**
 * All repositories over DynamoDB. They pass the same contract suite as PostgreSQL (test/contract/dynamo.test.ts);
 * where DynamoDB differs in cost or timing, the file that implements the method says how and why.
 */
import type { Repositories } from '../../core/index.js';
import { createDynamoCardRepository } from './card-repository.js';
import type { Dynamo } from './client.js';
import { createDynamoDeckRepository } from './deck-repository.js';
import { createDynamoDocumentRepository } from './document-repository.js';
import { createDynamoGenerationCache } from './generation-cache.js';
import { createDynamoIdentityRepository } from './identity-repository.js';
import { createDynamoNotificationRepository } from './notification-repository.js';
import { createDynamoSessionRepository } from './session-repository.js';
import { createDynamoUserRepository } from './user-repository.js';
import { createDynamoStudyRepository } from './study-repository.js';
import { createDynamoStudySessionRepository } from './study-session-repository.js';

export type DynamoRepositories = Repositories;

export function createDynamoRepositories(dynamo: Dynamo): DynamoRepositories {
  return {
    users: createDynamoUserRepository(dynamo),
    sessions: createDynamoSessionRepository(dynamo),
    decks: createDynamoDeckRepository(dynamo),
    cards: createDynamoCardRepository(dynamo),
    identities: createDynamoIdentityRepository(dynamo),
    notifications: createDynamoNotificationRepository(dynamo),
    study: createDynamoStudyRepository(dynamo),
    studySessions: createDynamoStudySessionRepository(dynamo),
    documents: createDynamoDocumentRepository(dynamo),
    cache: createDynamoGenerationCache(dynamo),
  };
}
