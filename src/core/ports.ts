/**
 * Ports: every piece of I/O the use cases need. Infrastructure implements them; the core never knows how.
 * Every method that reads or writes a user-owned row takes the owner id, so a forgotten check cannot leak
 * another user's data: a row owned by someone else is simply "not found".
 */
import type { Card, Deck, DeckListQuery, Page, PageRequest, Session, SourceRef, User, UserWithPassword, Difficulty } from './domain.js';
import type { ExternalTokenVerifier, IdentityRepository } from './identity-ports.js';

export interface NewUser {
  id: string;
  email: string;
  name: string;
  /** Null for users who sign in at the platform's identity provider: no password can ever match. */
  password_hash: string | null;
  created_at: Date;
}

export interface UserRepository {
  /** Throws CoreError('conflict') when the (already normalised) email exists. */
  create(user: NewUser): Promise<User>;
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<UserWithPassword | null>;
}

export interface NewRefreshToken {
  jti: string;
  session_id: string;
  user_id: string;
  expires_at: Date;
}

export type RefreshConsumeResult =
  | { status: 'ok'; session_id: string; user_id: string }
  /** Already used once: a sign of theft. The caller revokes the whole session. */
  | { status: 'reused'; session_id: string; user_id: string }
  | { status: 'invalid' };

export interface SessionRepository {
  create(session: Session): Promise<void>;
  /** True while the session exists, belongs to the user, is not revoked and has not expired. */
  isActive(sessionId: string, userId: string, now: Date): Promise<boolean>;
  revoke(sessionId: string, userId: string, now: Date): Promise<void>;
  addRefreshToken(token: NewRefreshToken): Promise<void>;
  /**
   * Marks the token used, atomically: of two concurrent calls with the same jti exactly one gets 'ok'.
   * 'invalid' covers unknown, expired and revoked-session tokens.
   */
  consumeRefreshToken(jti: string, now: Date): Promise<RefreshConsumeResult>;
}

export interface NewDeck {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  category: string | null;
  difficulty: Difficulty | null;
  created_at: Date;
}

export type DeckPatch = Partial<Pick<Deck, 'title' | 'description' | 'category' | 'difficulty'>>;

export interface DeckRepository {
  create(deck: NewDeck): Promise<Deck>;
  get(userId: string, deckId: string): Promise<Deck | null>;
  list(userId: string, query: DeckListQuery): Promise<Page<Deck>>;
  update(userId: string, deckId: string, patch: DeckPatch, now: Date): Promise<Deck | null>;
  /** Deletes the deck and all its cards; false when there was no such deck of this user. */
  delete(userId: string, deckId: string): Promise<boolean>;
}

export interface NewCard {
  id: string;
  deck_id: string;
  user_id: string;
  question: string;
  answer: string;
  source: string;
  source_url: string | null;
  source_ref: SourceRef | null;
  created_at: Date;
}

export type CardPatch = Partial<Pick<Card, 'question' | 'answer' | 'source' | 'source_url' | 'source_ref'>>;

export interface CardRepository {
  /**
   * Inserts the cards and raises the deck's card_count in one transaction. Returns null (and writes
   * nothing) when the deck does not exist or is not the user's. All cards must share one deck.
   */
  createMany(userId: string, deckId: string, cards: NewCard[]): Promise<Card[] | null>;
  get(userId: string, cardId: string): Promise<Card | null>;
  /** Null when the deck does not exist or is not the user's. Ordered by created_at, then id. */
  listByDeck(userId: string, deckId: string, page: PageRequest): Promise<Page<Card> | null>;
  update(userId: string, cardId: string, patch: CardPatch, now: Date): Promise<Card | null>;
  /** Deletes the card and lowers the deck's card_count in one transaction. */
  delete(userId: string, cardId: string): Promise<boolean>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface PasswordBlocklist {
  /** True for passwords found in lists of the most commonly used ones. */
  isCommon(password: string): boolean;
}

export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  user_id: string;
  session_id: string;
  type: TokenType;
  /** Unique token id; refresh rotation keys on it. */
  jti: string;
  expires_at: Date;
}

export interface TokenSigner {
  sign(claims: Omit<TokenClaims, 'expires_at'>, ttlSeconds: number, now: Date): Promise<string>;
  /** Throws CoreError('unauthorized') for a malformed, forged, expired or wrong-type token. */
  verify(token: string, expected: TokenType, now: Date): Promise<TokenClaims>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new UUID. */
  next(): string;
}

/**
 * Counts attempts per key within a window (e.g. failed sign-ins per account). The count is taken BEFORE the
 * work, so a burst of parallel attempts cannot slip past it, and handed back when the attempt turned out fine.
 */
export interface AttemptLimiter {
  /** Counts one attempt; null when allowed, else the seconds until the key may try again. */
  take(key: string): Promise<number | null>;
  /** Uncounts one attempt taken with take(): exactly that one, so it can never wipe other failures. */
  giveBack(key: string): Promise<void>;
}

/** A database or other dependency that /ready probes. */
export interface HealthProbe {
  check(): Promise<void>;
}

export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  decks: DeckRepository;
  cards: CardRepository;
  /** Links between the identity provider's subjects and OpenDeck users. */
  identities: IdentityRepository;
}

export interface AuthSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** False with AUTH_PROVIDER=oidc: register, login and refresh then answer that sign-in happens at the issuer. */
  localSignIn?: boolean;
}

export interface Ports extends Repositories {
  hasher: PasswordHasher;
  blocklist: PasswordBlocklist;
  tokens: TokenSigner;
  clock: Clock;
  ids: IdGenerator;
  auth: AuthSettings;
  /** Present with AUTH_PROVIDER=oidc or both: accepts the identity provider's access tokens. */
  externalTokens?: ExternalTokenVerifier;
  /** Failed sign-ins per account (normalised email). Absent: no per-account limit (tests, the CLI). */
  loginAttempts?: AttemptLimiter;
}
