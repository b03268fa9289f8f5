/**
 * The one Postgres schema, used by PGlite and node-postgres alike; `npm run db:generate` turns changes
 * into SQL migrations in migrations/. Property names are the snake_case column names, which are also
 * the domain field names, so rows map to domain objects without renaming. drizzle-kit reads this file,
 * so every table must be exported from here.
 */
import { refreshTokens, sessions, users } from './schema-accounts.js';
import { cards, decks } from './schema-decks.js';
import { documents, generationCache, tokenUsage } from './schema-documents.js';
import { userIdentities } from './schema-identities.js';
import { notifications } from './schema-notifications.js';
import { cardStudyStates, studyReviews, studySessions, studySettings } from './schema-study.js';

export { users, sessions, refreshTokens, decks, cards, documents, generationCache, tokenUsage, userIdentities, notifications };
export { cardStudyStates, studyReviews, studySettings, studySessions };

export const schema = {
  users,
  sessions,
  refreshTokens,
  decks,
  cards,
  documents,
  generationCache,
  tokenUsage,
  userIdentities,
  notifications,
  cardStudyStates,
  studyReviews,
  studySettings,
  studySessions,
};
export type Schema = typeof schema;
