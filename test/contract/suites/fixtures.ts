/**
 * Builders for contract tests. Every test makes its own users with random ids and emails, so suites that
 * share one database (PGlite, Postgres) stay independent without truncating, and every list assertion
 * also proves that other users' rows (from earlier tests) are left out.
 */
import { randomUUID } from 'node:crypto';
import type { NewCard, NewDeck, NewUser, Repositories, SourceRef, User } from '../../../src/core/index.js';

/** What every storage implementation provides. */
export type AllRepositories = Repositories;

export interface RepositoryFixture {
  repositories: AllRepositories;
  /** Releases what the factory made (a no-op for a database shared by the whole file). */
  cleanup(): Promise<void>;
}
export type RepositoryFactory = () => Promise<RepositoryFixture>;

export const T0 = new Date('2030-01-01T00:00:00.000Z');
/** A time `seconds` after T0: explicit times make ordering tests independent of the clock. */
export const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

export const uniqueEmail = (): string => `user-${randomUUID()}@example.com`;

export const newUser = (overrides: Partial<NewUser> = {}): NewUser => ({
  id: randomUUID(),
  email: uniqueEmail(),
  name: 'Ada Lovelace',
  password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  created_at: T0,
  ...overrides,
});

export const addUser = (repos: Repositories, overrides: Partial<NewUser> = {}): Promise<User> => repos.users.create(newUser(overrides));

export const newDeck = (userId: string, overrides: Partial<NewDeck> = {}): NewDeck => ({
  id: randomUUID(),
  user_id: userId,
  title: 'Cell biology',
  description: 'Organelles and membranes',
  category: 'Biology',
  difficulty: 'beginner',
  created_at: T0,
  ...overrides,
});

export const fullSourceRef = (): SourceRef => ({
  document_id: randomUUID(),
  document_name: 'Biology101.pdf',
  page: 3,
  section: '1.2 Membranes',
  quote: 'The cell membrane is a selectively permeable barrier.',
});

export const newCard = (userId: string, deckId: string, overrides: Partial<NewCard> = {}): NewCard => ({
  id: randomUUID(),
  deck_id: deckId,
  user_id: userId,
  question: 'What does the cell membrane do?',
  answer: 'It controls what enters and leaves the cell.',
  source: 'Biology101.pdf - Page 3, Section 1.2',
  source_url: 'https://example.com/biology101.pdf#page=3',
  source_ref: fullSourceRef(),
  created_at: T0,
  ...overrides,
});

/** A user with one deck: the starting point of most deck and card tests. */
export async function userWithDeck(repos: Repositories, deckOverrides: Partial<NewDeck> = {}) {
  const user = await addUser(repos);
  const deck = await repos.decks.create(newDeck(user.id, deckOverrides));
  return { user, deck };
}

/**
 * Lets each suite file read the fixture of the running test; set in beforeEach by the contract entry.
 */
export interface FixtureAccess {
  repos(): AllRepositories;
}
