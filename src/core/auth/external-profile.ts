import { CoreError } from '../errors.js';
import type { ExternalIdentityClaims, ExternalProfile, ExternalTokenVerifier } from '../ports/index.js';
import { LIMITS, emailSchema } from '../schemas.js';

/** The email and name an account is created with, normalised the way register normalises them. */
export interface AccountProfile {
  email: string;
  emailVerified: boolean;
  name: string;
}

const clean = (value: string | null): string | null => {
  const trimmed = value?.trim();
  return trimmed ? [...trimmed].slice(0, LIMITS.nameMax).join('') : null;
};

function normalise(profile: ExternalProfile): AccountProfile | null {
  const email = emailSchema.safeParse(profile.email ?? '');
  if (!email.success) return null;
  return {
    email: email.data,
    emailVerified: profile.emailVerified,
    // A name is required locally; the issuer may have none (a bare Cognito user), so the email's local part stands in.
    name: clean(profile.name) ?? email.data.split('@')[0]!,
  };
}

/**
 * The profile for a first sign-in: from the token's claims (Keycloak puts email and name in access tokens),
 * else from the issuer's userinfo endpoint (Cognito access tokens carry neither). No email at all is a 403:
 * every OpenDeck account has one, and a new sign-in would not help.
 */
export async function accountProfile(
  verifier: ExternalTokenVerifier,
  token: string,
  claims: ExternalIdentityClaims,
): Promise<AccountProfile> {
  const fromToken = normalise(claims);
  if (fromToken) return fromToken;
  const fromUserinfo = await verifier.fetchProfile(token, claims.subject);
  const profile = fromUserinfo && normalise(fromUserinfo);
  if (profile) return profile;
  throw new CoreError(
    'forbidden',
    `Your sign-in at ${claims.issuer} does not share a valid email address, which OpenDeck needs for your account. ` +
      'Ask the administrator to grant OpenDeck the "email" scope (and "openid" for the userinfo endpoint).',
  );
}
