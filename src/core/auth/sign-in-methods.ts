import type { UseCaseArgs } from '../context.js';
import type { IssuerMetadata } from '../ports/index.js';

export type SignInMethod = 'local' | 'oidc';

export interface SignInMethods {
  methods: SignInMethod[];
  /** How a client signs in at the identity provider; null when OpenDeck accepts only its own sign-in. */
  oidc: (IssuerMetadata & { client_id: string }) | null;
}

/**
 * Tells a client which sign-in methods exist and, for the identity provider, the URLs from its discovery
 * document. Fetching them may fail (502): a client cannot start a sign-in without them anyway.
 */
export async function signInMethods({ ctx }: UseCaseArgs<void>): Promise<SignInMethods> {
  const { auth, externalTokens } = ctx.ports;
  const methods: SignInMethod[] = [];
  if (auth.localSignIn !== false) methods.push('local');
  if (!externalTokens) return { methods, oidc: null };
  methods.push('oidc');
  return { methods, oidc: { ...(await externalTokens.describe()), client_id: externalTokens.audience } };
}
