/** Contract pieces of sign-in at the identity provider: GET /auth/config and the bearer scheme's description. */
import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';
import { ProblemSchema } from './common.js';

export const BEARER_DESCRIPTION =
  "OpenDeck's own access_token (from /auth/login, /auth/register or /auth/refresh) or, where the server accepts " +
  "its organisation's sign-in (AUTH_PROVIDER=oidc or both; GET /auth/config says which), an access token of that " +
  'OIDC issuer (Keycloak, Cognito), checked against the keys it publishes. On the first use of an issuer token ' +
  'the account is created from its email and name, or linked to the account that has the email when the issuer ' +
  'verified it; an unverified email that another account has is 409. A token without any email is 403, and 502 ' +
  'means the issuer could not be reached to check the token.';

const url = (example: string) => z.string().nullable().openapi({ format: 'uri', example });

export const AuthConfigSchema = z
  .object({
    methods: z.array(z.enum(['local', 'oidc'])).openapi({
      description: 'local: email and password at /auth/login and /auth/register. oidc: sign in at the issuer and send its access token.',
      example: ['local', 'oidc'],
    }),
    oidc: z
      .object({
        issuer: z.string().openapi({ example: 'https://sso.example.com/realms/opendeck' }),
        client_id: z
          .string()
          .openapi({ description: 'The client to request tokens for (authorization code flow with PKCE).', example: 'opendeck' }),
        authorization_endpoint: url('https://sso.example.com/realms/opendeck/protocol/openid-connect/auth'),
        token_endpoint: url('https://sso.example.com/realms/opendeck/protocol/openid-connect/token'),
        jwks_uri: url('https://sso.example.com/realms/opendeck/protocol/openid-connect/certs'),
        userinfo_endpoint: url('https://sso.example.com/realms/opendeck/protocol/openid-connect/userinfo'),
        end_session_endpoint: url('https://sso.example.com/realms/opendeck/protocol/openid-connect/logout'),
      })
      .nullable()
      .openapi({ description: "The issuer's URLs from its discovery document; null when only local sign-in exists." }),
  })
  .openapi('AuthConfig');

/** A problem response with a description of its own (the shared table's wording is per status, not per route). */
export const problemWhen = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } });

export const LOCAL_SIGN_IN_OFF = problemWhen(
  'Password sign-in is turned off (AUTH_PROVIDER=oidc): sign in at the issuer named in the detail.',
);
