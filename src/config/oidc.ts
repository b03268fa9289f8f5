/**
 * The sign-in part of the configuration (AUTH_PROVIDER, OIDC_*): variables, cross-checks and the resulting
 * settings. Kept beside config.ts, which spreads these into its one schema; neither file but config.ts reads
 * the environment.
 */
import { z } from 'zod';

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalUrl = (example: string) =>
  z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, error: `must be an http(s) URL such as ${example}` }).optional());

/** Signatures made with the issuer's private key. HMAC (HS*) would need a shared secret, and "none" is no signature. */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

export const oidcVariables = {
  AUTH_PROVIDER: z.enum(['local', 'oidc', 'both'], 'must be local, oidc or both').default('local'),
  OIDC_ISSUER: optionalUrl('https://sso.example.com/realms/opendeck'),
  OIDC_AUDIENCE: z.preprocess(emptyAsUndefined, z.string().optional()),
  OIDC_JWKS_URL: optionalUrl('https://sso.example.com/realms/opendeck/protocol/openid-connect/certs'),
  OIDC_DISCOVERY_URL: optionalUrl('http://keycloak:8080/realms/opendeck/.well-known/openid-configuration'),
  OIDC_ALLOWED_ALGS: z
    .string()
    .default('RS256,ES256')
    .transform((value, ctx) => {
      const algs = value
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      const refused = algs.filter((a) => !(OIDC_ALGORITHMS as readonly string[]).includes(a));
      if (algs.length === 0 || refused.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${refused.length ? `${refused.join(', ')} cannot be allowed` : 'must name at least one algorithm'}: tokens must be signed with the issuer's private key (${OIDC_ALGORITHMS.join(', ')})`,
        });
        return z.NEVER;
      }
      return algs;
    }),
};

interface OidcEnv {
  AUTH_PROVIDER: 'local' | 'oidc' | 'both';
  OIDC_ISSUER?: string;
  OIDC_AUDIENCE?: string;
  JWT_ISSUER: string;
}

export function checkOidc(env: OidcEnv, ctx: z.RefinementCtx): void {
  if (env.AUTH_PROVIDER === 'local') return;
  const when = `when AUTH_PROVIDER=${env.AUTH_PROVIDER}`;
  if (!env.OIDC_ISSUER) {
    ctx.addIssue({
      code: 'custom',
      path: ['OIDC_ISSUER'],
      message: `is required ${when}: the issuer URL exactly as in its tokens' iss claim`,
    });
  }
  if (!env.OIDC_AUDIENCE) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: `is required ${when}: the client id access tokens are issued for` });
  }
  // With both, a token's iss picks its verifier: the two issuers must differ.
  if (env.AUTH_PROVIDER === 'both' && env.OIDC_ISSUER === env.JWT_ISSUER) {
    ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'must differ from OIDC_ISSUER when AUTH_PROVIDER=both' });
  }
}

export interface AuthConfig {
  provider: 'local' | 'oidc' | 'both';
  /** Null with AUTH_PROVIDER=local. */
  oidc: {
    issuer: string;
    audience: string;
    algorithms: string[];
    jwksUrl: string | undefined;
    discoveryUrl: string | undefined;
  } | null;
}

type ParsedOidc = Omit<OidcEnv, 'JWT_ISSUER'> & { OIDC_JWKS_URL?: string; OIDC_DISCOVERY_URL?: string; OIDC_ALLOWED_ALGS: string[] };

export function toAuthConfig(e: ParsedOidc): AuthConfig {
  if (e.AUTH_PROVIDER === 'local' || !e.OIDC_ISSUER || !e.OIDC_AUDIENCE) return { provider: 'local', oidc: null };
  return {
    provider: e.AUTH_PROVIDER,
    oidc: {
      issuer: e.OIDC_ISSUER,
      audience: e.OIDC_AUDIENCE,
      algorithms: e.OIDC_ALLOWED_ALGS,
      jwksUrl: e.OIDC_JWKS_URL,
      discoveryUrl: e.OIDC_DISCOVERY_URL,
    },
  };
}
