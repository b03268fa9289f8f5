/**
 * Who the caller is: password hashing, the common-password list, OpenDeck's own tokens (signed with SECRET_KEY,
 * or a key generated into DATA_DIR outside production), and the identity provider's side of sign-in
 * (AUTH_PROVIDER=oidc|both).
 */
import type { Config } from '../config/index.js';
import type { AttemptLimiter, AuthSettings, ExternalTokenVerifier, Ports } from '../core/index.js';
import { Argon2PasswordHasher } from '../infra/auth/argon2-password-hasher.js';
import { CommonPasswordBlocklist } from '../infra/auth/common-password-blocklist.js';
import { JwtTokenSigner } from '../infra/auth/jwt-token-signer.js';
import { OidcTokenVerifier } from '../infra/auth/oidc-token-verifier.js';
import { loadOrCreateSecretKey } from '../infra/auth/secret-key-file.js';
import type { Logger } from '../infra/logging/logger.js';

/** One warning per reason per minute: during an outage every request would otherwise log the same line. */
const REPEAT_WARNING_MS = 60_000;

export type IdentityPorts = Pick<Ports, 'hasher' | 'blocklist' | 'tokens' | 'auth' | 'externalTokens' | 'loginAttempts'>;

export async function resolveSecretKey(config: Pick<Config, 'secretKey' | 'dataDir'>, logger: Logger): Promise<string> {
  if (config.secretKey) return config.secretKey;
  const { key, file, created } = await loadOrCreateSecretKey(config.dataDir);
  if (created) logger.warn({ file }, 'SECRET_KEY is not set: generated a new signing key and stored it (mode 0600)');
  else logger.info({ file }, 'SECRET_KEY is not set: using the signing key stored in the data directory');
  return key;
}

export function buildIdentityPorts(config: Config, logger: Logger, secretKey: string, loginAttempts: AttemptLimiter): IdentityPorts {
  return {
    hasher: new Argon2PasswordHasher(),
    blocklist: new CommonPasswordBlocklist(),
    tokens: new JwtTokenSigner({ secretKey, issuer: config.jwtIssuer, audience: config.jwtAudience }),
    auth: authSettings(config),
    externalTokens: buildExternalTokens(config, logger),
    loginAttempts,
  };
}

export function buildExternalTokens(config: Config, logger: Logger): ExternalTokenVerifier | null {
  const oidc = config.auth.oidc;
  if (!oidc) return null;
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
