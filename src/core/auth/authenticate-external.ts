import type { User } from '../domain.js';
import { CoreError, isCoreError } from '../errors.js';
import type { ExternalIdentityClaims, ExternalTokenVerifier } from '../ports/index.js';
import type { Ports } from '../ports/index.js';
import type { Caller } from './authenticate.js';
import { accountProfile } from './external-profile.js';

/** Enough for two racing first sign-ins and a concurrent local registration to settle. */
const MAX_ATTEMPTS = 3;

/**
 * Turns an access token of the identity provider into a caller. The token's subject maps to an OpenDeck user:
 * found by its link, else linked to the local account with the same email (only when the issuer verified
 * that email), else created. There is no OpenDeck session: the issuer's token expiry is the sign-in's end.
 */
export async function authenticateExternal(ports: Ports, verifier: ExternalTokenVerifier, token: string): Promise<Caller> {
  const claims = await verifier.verify(token, ports.clock.now());
  const user = (await ports.identities.findUser(claims.issuer, claims.subject)) ?? (await firstSignIn(ports, verifier, token, claims));
  return { userId: user.id, sessionId: null, issuer: claims.issuer };
}

async function firstSignIn(ports: Ports, verifier: ExternalTokenVerifier, token: string, claims: ExternalIdentityClaims): Promise<User> {
  const profile = await accountProfile(verifier, token, claims);
  const identity = { issuer: claims.issuer, subject: claims.subject };
  // Every write below is decided by a unique constraint ((issuer, subject), lower(email)); whoever loses a race
  // reads back the winner's link instead of failing, so two first requests at once end with one user.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await ports.users.findByEmail(profile.email);
    if (existing) {
      if (!profile.emailVerified) throw emailTaken(claims.issuer, profile.email);
      await ports.identities.link({ ...identity, user_id: existing.id, created_at: ports.clock.now() });
    } else {
      try {
        return await ports.identities.createUser(
          { id: ports.ids.next(), email: profile.email, name: profile.name, created_at: ports.clock.now() },
          identity,
        );
      } catch (error) {
        if (!isCoreError(error) || error.code !== 'conflict') throw error;
      }
    }
    const linked = await ports.identities.findUser(identity.issuer, identity.subject);
    if (linked) return linked;
  }
  throw new CoreError('conflict', 'Your first sign-in raced with other changes to your account. Try again.');
}

/**
 * An unverified email must not take over the account that owns it (anyone can type any email at some
 * issuers), and a second account cannot have it either: 409, with what to do about it.
 */
const emailTaken = (issuer: string, email: string) =>
  new CoreError(
    'conflict',
    `An OpenDeck account already uses ${email}, and ${issuer} has not verified that this email is yours, ` +
      `so your sign-in cannot be linked to that account. Verify your email at ${issuer} and try again.`,
  );
