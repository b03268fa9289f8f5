/**
 * Ports for who the caller is: users, sign-in sessions and refresh tokens, password hashing, token signing,
 * attempt limits, and sign-in at the platform's identity provider (Keycloak on-prem, Cognito on AWS). Every
 * method that reads or writes a user-owned row takes the owner id.
 */
import type { Session, User, UserWithPassword } from '../domain.js';

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

export interface AuthSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** False with AUTH_PROVIDER=oidc: register, login and refresh then answer that sign-in happens at the issuer. */
  localSignIn?: boolean;
}

/** What the issuer says about the person; raw claims, normalised by the core before use. */
export interface ExternalProfile {
  email: string | null;
  /** True only when the issuer vouches that the person controls the email. */
  emailVerified: boolean;
  name: string | null;
}

export interface ExternalIdentityClaims extends ExternalProfile {
  issuer: string;
  /** The issuer's stable id of the person (`sub`). Emails change; this does not. */
  subject: string;
}

/** The issuer's URLs from its discovery document; null where the issuer publishes none. */
export interface IssuerMetadata {
  issuer: string;
  authorization_endpoint: string | null;
  token_endpoint: string | null;
  jwks_uri: string | null;
  userinfo_endpoint: string | null;
  end_session_endpoint: string | null;
}

export interface ExternalTokenVerifier {
  readonly issuer: string;
  /** The client id access tokens must be issued for (OIDC_AUDIENCE); clients start their sign-in with it. */
  readonly audience: string;
  /**
   * True when the token names this issuer. An unverified peek that only chooses which verifier runs:
   * the chosen one still checks everything.
   */
  isOwnToken(token: string): boolean;
  /**
   * Checks signature, algorithm, issuer, audience, expiry and not-before. Throws CoreError('unauthorized')
   * for a bad token and CoreError('upstream_unavailable') when the issuer's keys cannot be fetched.
   */
  verify(token: string, now: Date): Promise<ExternalIdentityClaims>;
  /** The issuer's userinfo for this token (Cognito access tokens carry no email); null when it has none. */
  fetchProfile(token: string, subject: string): Promise<ExternalProfile | null>;
  describe(): Promise<IssuerMetadata>;
}

export interface ExternalIdentity {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Date;
}

export interface NewExternalUser {
  id: string;
  email: string;
  name: string;
  created_at: Date;
}

export interface IdentityRepository {
  /** The user (issuer, subject) is linked to, or null. Issuer and subject match exactly (case-sensitive). */
  findUser(issuer: string, subject: string): Promise<User | null>;
  /**
   * Links (issuer, subject) to an existing user. Does nothing when the identity is linked already (the first
   * link wins: read it back with findUser). Throws CoreError('not_found') when the user does not exist.
   */
  link(identity: ExternalIdentity): Promise<void>;
  /**
   * Creates a user with no password and links the identity to it, in one transaction. Throws
   * CoreError('conflict') and writes nothing when the email is taken or the identity is linked already.
   */
  createUser(user: NewExternalUser, identity: Pick<ExternalIdentity, 'issuer' | 'subject'>): Promise<User>;
}
