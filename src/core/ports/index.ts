/**
 * Ports: every piece of I/O the use cases need, in one folder. Infrastructure implements them; the core never
 * knows how. Every port is always present: the composition root gives each runtime an implementation (a
 * null-object where a capability is switched off), so no use case checks whether a port exists.
 */
import type { CardRepository, DeckRepository } from './decks.js';
import type { DocumentRepository, DocumentSettings, FileStorage, GenerationCache, GeneratorRegistry, PresignedFiles } from './documents.js';
import type { JobQueue } from './jobs.js';
import type { FormatDetector, TextExtractor } from './extraction.js';
import type {
  AttemptLimiter,
  AuthSettings,
  ExternalTokenVerifier,
  IdentityRepository,
  PasswordBlocklist,
  PasswordHasher,
  SessionRepository,
  TokenSigner,
  UserRepository,
} from './identity.js';
import type { Clock, Digest, IdGenerator } from './system.js';

export * from './decks.js';
export * from './documents.js';
export * from './extraction.js';
export * from './generation.js';
export * from './identity.js';
export * from './jobs.js';
export * from './system.js';

/** What a database backend (PostgreSQL/PGlite, DynamoDB, memory) provides. */
export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  decks: DeckRepository;
  cards: CardRepository;
  /** Links between the identity provider's subjects and OpenDeck users. */
  identities: IdentityRepository;
  documents: DocumentRepository;
  /** Grounded drafts of earlier runs, per user. */
  cache: GenerationCache;
}

export interface Ports extends Repositories {
  hasher: PasswordHasher;
  blocklist: PasswordBlocklist;
  tokens: TokenSigner;
  clock: Clock;
  ids: IdGenerator;
  digest: Digest;
  auth: AuthSettings;
  /** The identity provider's access tokens (AUTH_PROVIDER=oidc or both); null with local sign-in only. */
  externalTokens: ExternalTokenVerifier | null;
  /** Failed sign-ins per account (normalised email). */
  loginAttempts: AttemptLimiter;
  storage: FileStorage;
  /** URLs straight to storage (S3); null where storage cannot hand them out, and the routes are not mounted. */
  presignedFiles: PresignedFiles | null;
  queue: JobQueue;
  generators: GeneratorRegistry;
  extractor: TextExtractor;
  detector: FormatDetector;
  documentSettings: DocumentSettings;
}
