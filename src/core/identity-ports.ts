/**
 * Ports for sign-in at the platform's identity provider (Keycloak on-prem, Cognito on AWS): a verifier for its
 * access tokens and the table that maps its subjects to OpenDeck users. The core never sees JOSE or HTTP.
 */
import type { User } from './domain.js';

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
