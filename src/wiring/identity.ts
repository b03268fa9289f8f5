/** The identity provider's side of sign-in (AUTH_PROVIDER=oidc|both), built from config for main.ts. */
import type { Config } from '../config.js';
import type { AuthSettings, ExternalTokenVerifier } from '../core/index.js';
import { OidcTokenVerifier } from '../infra/auth/oidc-token-verifier.js';
import type { Logger } from '../infra/logging/logger.js';

/** One warning per reason per minute: during an outage every request would otherwise log the same line. */
const REPEAT_WARNING_MS = 60_000;

export function buildExternalTokens(config: Config, logger: Logger): ExternalTokenVerifier | undefined {
  const oidc = config.auth.oidc;
  if (!oidc) return undefined;
  const lastWarned = new Map<string, number>();
  const verifier = new OidcTokenVerifier({
    ...oidc,
    onProblem: (reason) => {
      const now = Date.now();
      if (now - (lastWarned.get(reason) ?? -Infinity) < REPEAT_WARNING_MS) return;
      lastWarned.set(reason, now);
      logger.warn({ issuer: oidc.issuer, reason }, 'the identity provider could not be used');
    },
  });
  logger.info(
    { auth_provider: config.auth.provider, issuer: oidc.issuer, audience: oidc.audience },
    "accepting the identity provider's access tokens",
  );
  // Fetched now without waiting, so a wrong OIDC_ISSUER shows in the log at start rather than at the first
  // sign-in; OpenDeck still starts while the identity provider is down (it may be starting too).
  verifier.describe().catch(() => {});
  return verifier;
}

export const authSettings = (config: Config): AuthSettings => ({
  accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
  localSignIn: config.auth.provider !== 'oidc',
});
