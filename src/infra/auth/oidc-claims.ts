/**
 * What makes a verified JWT an access token for this API, for both claim shapes in use:
 * - Keycloak: `aud` is a string or an array (by default only "account"); `azp` is the client; `typ` is "Bearer"
 *   ("ID" for ID tokens). We require `aud` to contain OIDC_AUDIENCE, and do not fall back to `azp`: a token a
 *   client obtained for another API must not work here. The realm's client adds itself with an audience mapper.
 * - Cognito: access tokens have no `aud` but `client_id` and `token_use: "access"`; ID tokens have `aud` equal
 *   to the client id and `token_use: "id"`, so `token_use` is checked first.
 */
import type { ExternalProfile } from '../../core/index.js';

type Claims = Record<string, unknown>;

export function accessTokenProblem(claims: Claims, audience: string): string | null {
  if (claims.token_use !== undefined && claims.token_use !== 'access') {
    return `This is ${claims.token_use === 'id' ? 'an ID token' : 'not an access token'}: send the access token as the bearer token.`;
  }
  if (typeof claims.typ === 'string' && claims.typ.toLowerCase() !== 'bearer') {
    return `This is a ${claims.typ} token, not an access token: send the access token as the bearer token.`;
  }
  if (claims.aud !== undefined) {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return audiences.includes(audience)
      ? null
      : `The access token is not meant for this API: its audience (aud) does not include ${audience}.`;
  }
  if (claims.client_id === audience && claims.token_use === 'access') return null;
  return `The access token is not meant for this API: it names neither the audience (aud) nor the client (client_id) ${audience}.`;
}

const text = (claims: Claims, key: string): string | null => {
  const value = claims[key];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

/** Email, whether the issuer verified it (Cognito's userinfo sends "true" as a string), and a display name. */
export function profileFrom(claims: Claims): ExternalProfile {
  const fullName = [text(claims, 'given_name'), text(claims, 'family_name')].filter(Boolean).join(' ') || null;
  return {
    email: text(claims, 'email'),
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name:
      text(claims, 'name') ??
      fullName ??
      text(claims, 'preferred_username') ??
      text(claims, 'username') ??
      text(claims, 'cognito:username'),
  };
}
