/**
 * The rows an in-memory repository set shares, so that deleting a deck can drop its cards and a card
 * write can change its deck's card_count, exactly as the SQL foreign keys and transactions do.
 */
import type {
  Card,
  CardStudyState,
  Deck,
  Document,
  ExternalIdentity,
  Notification,
  ReviewLogEntry,
  Session,
  StudySession,
  StudySettings,
  UserWithPassword,
} from '../../core/index.js';

export interface StoredRefreshToken {
  jti: string;
  session_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}

/** One completed generation's spend: the ledger the monthly budget sums (see tokensUsedSince). */
export interface TokenUsageEntry {
  user_id: string;
  document_id: string;
  input_tokens: number;
  output_tokens: number;
  recorded_at: Date;
}

export interface MemoryStore {
  users: Map<string, UserWithPassword>;
  sessions: Map<string, Session>;
  refreshTokens: Map<string, StoredRefreshToken>;
  decks: Map<string, Deck>;
  cards: Map<string, Card>;
  documents: Map<string, Document>;
  /** By idKey(user id), then cache key; values are JSON text, so they come back as jsonb gives them. */
  generationCache: Map<string, Map<string, string>>;
  tokenUsage: TokenUsageEntry[];
  /** By identityKey(issuer, subject). */
  identities: Map<string, ExternalIdentity>;
  /** By idKey(notification id). */
  notifications: Map<string, StoredNotification>;
  /** By studyKey(user id, card id). */
  studyStates: Map<string, CardStudyState>;
  /** Append-only, in write order. */
  reviewLog: ReviewLogEntry[];
  studySettings: Map<string, StudySettings>;
  studySessions: Map<string, StudySession>;
}

/** A notification with what only storage needs: its dedupe key and when it may be removed once read. */
export interface StoredNotification extends Notification {
  dedupe_key: string | null;
  purge_after: Date | null;
}

export const createMemoryStore = (): MemoryStore => ({
  users: new Map(),
  sessions: new Map(),
  refreshTokens: new Map(),
  decks: new Map(),
  cards: new Map(),
  documents: new Map(),
  generationCache: new Map(),
  tokenUsage: [],
  identities: new Map(),
  notifications: new Map(),
  studyStates: new Map(),
  reviewLog: [],
  studySettings: new Map(),
  studySessions: new Map(),
});

/** What the SQL cascades do when cards go: their study states and review log entries go with them. */
export function dropStudyOfCards(store: MemoryStore, cardIds: Set<string>): void {
  for (const [key, state] of store.studyStates) if (cardIds.has(idKey(state.card_id))) store.studyStates.delete(key);
  store.reviewLog = store.reviewLog.filter((e) => !cardIds.has(idKey(e.card_id)));
}

/**
 * Callers get copies: a caller mutating a returned object (or one it passed in) must not change what
 * is stored, which is what a database gives for free.
 */
export const copyDate = (d: Date): Date => new Date(d.getTime());

/** Ids are compared lower-cased, as Postgres compares uuid values. */
export const idKey = (id: string): string => id.toLowerCase();

/** Orders two uuids as Postgres does: by their bytes, which is their lower-case hex order. */
export const compareIds = (a: string, b: string): number => {
  const x = idKey(a);
  const y = idKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

export function paginate<T>(sorted: T[], offset: number, limit: number): { items: T[]; total: number } {
  return { items: sorted.slice(offset, offset + limit), total: sorted.length };
}

/**
 * The defined values of the allowed keys only: a patch object that carries extra keys at run time
 * (user_id, card_count...) must not overwrite them, and undefined means "leave as is".
 */
export function definedFields<T extends object, K extends keyof T>(patch: T, allowed: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of allowed) {
    if (patch[key] !== undefined) picked[key] = patch[key];
  }
  return picked;
}
