/**
 * The one behaviour every Repositories implementation must have. Each implementation's test file calls
 * describeRepositoryContract with a factory; the suites below never know which storage they run on.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { AllRepositories, FixtureAccess, RepositoryFactory, RepositoryFixture } from './suites/fixtures.js';
import { describeUserContract } from './suites/users.contract.js';
import { describeSessionContract } from './suites/sessions.contract.js';
import { describeDeckContract } from './suites/decks.contract.js';
import { describeDeckListContract } from './suites/deck-list.contract.js';
import { describeCardContract } from './suites/cards.contract.js';
import { describeDocumentContract } from './suites/documents.contract.js';
import { describeDocumentLifecycleContract } from './suites/document-lifecycle.contract.js';
import { describeDocumentCompleteContract } from './suites/document-complete.contract.js';
import { describeDocumentQueryContract } from './suites/document-queries.contract.js';
import { describeDocumentOutcomeContract } from './suites/document-outcomes.contract.js';
import { describeGenerationCacheContract } from './suites/generation-cache.contract.js';
import { describeIdentityContract } from './suites/identities.contract.js';
import { describeNotificationContract } from './suites/notifications.contract.js';
import { describeExchangeContract } from './suites/exchange.contract.js';
import { describeStudyContract } from './suites/study.contract.js';

export type { RepositoryFactory, RepositoryFixture } from './suites/fixtures.js';

export function describeRepositoryContract(name: string, factory: RepositoryFactory): void {
  describe(`Repositories contract: ${name}`, () => {
    let fixture: RepositoryFixture | undefined;
    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });
    const access: FixtureAccess = {
      repos(): AllRepositories {
        if (!fixture) throw new Error('The repository fixture is only available inside a test.');
        return fixture.repositories;
      },
    };
    describeUserContract(access);
    describeSessionContract(access);
    describeDeckContract(access);
    describeDeckListContract(access);
    describeCardContract(access);
    describeDocumentContract(access);
    describeDocumentLifecycleContract(access);
    describeDocumentCompleteContract(access);
    describeDocumentQueryContract(access);
    describeDocumentOutcomeContract(access);
    describeGenerationCacheContract(access);
    describeIdentityContract(access);
    describeNotificationContract(access);
    describeExchangeContract(access);
    describeStudyContract(access);
  });
}
