/** Contracts of /auth: sign-up, sign-in, token rotation, sign-out and the current user. */
import { createRoute } from '@hono/zod-openapi';
import { loginInput, refreshInput, registerInput } from '../../core/index.js';
import { localSignInOnly, requireAuth } from './middleware/auth.js';
import { rateLimit } from './middleware/rate-limit.js';
import { BODY_PROBLEMS, bearerSecurity, jsonBody, jsonResponse, problems } from './openapi/common.js';
import { AuthConfigSchema, LOCAL_SIGN_IN_OFF, problemWhen } from './openapi/auth-models.js';
import { AuthTokensSchema, UserSchema } from './openapi/models.js';

const tags = ['Auth'];

const RegisterRequest = registerInput.meta({
  id: 'RegisterRequest',
  example: { email: 'ada@example.com', name: 'Ada Lovelace', password: 'correct horse battery staple' },
});
const LoginRequest = loginInput.meta({
  id: 'LoginRequest',
  example: { email: 'ada@example.com', password: 'correct horse battery staple' },
});
const RefreshRequest = refreshInput.meta({ id: 'RefreshRequest', example: { refresh_token: 'eyJhbGciOiJIUzI1NiIs...' } });

export const registerRoute = createRoute({
  method: 'post',
  path: '/auth/register',
  tags,
  summary: 'Create an account',
  description:
    'Creates an account and signs it in at once (same body as login). The email is trimmed and lower-cased; ' +
    'the password must have 8 to 128 characters and not be one of the most common passwords. A taken email is 409. ' +
    'Accounts created (and taken emails tried) are limited per client IP (RATE_LIMIT_REGISTER_IP, 20 an hour by default).',
  middleware: [localSignInOnly, rateLimit('register_ip')],
  request: { body: jsonBody(RegisterRequest, 'The new account.') },
  responses: {
    201: jsonResponse(AuthTokensSchema, 'The account was created and signed in.'),
    ...problems(...BODY_PROBLEMS, 409, 429),
    403: LOCAL_SIGN_IN_OFF,
  },
});

export const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags,
  summary: 'Sign in',
  description:
    'Exchanges email and password for an access token and a refresh token. An unknown email and a wrong ' +
    'password give the same 401, so the answer never reveals who has an account. Failed sign-ins are limited per ' +
    'account (100 an hour at most) and per client IP (50 per 15 minutes by default); past either, 429 with Retry-After.',
  middleware: [localSignInOnly, rateLimit('login_ip')],
  request: { body: jsonBody(LoginRequest, 'Credentials.') },
  responses: {
    200: jsonResponse(AuthTokensSchema, 'Signed in.'),
    ...problems(...BODY_PROBLEMS, 401, 429),
    403: LOCAL_SIGN_IN_OFF,
  },
});

export const refreshRoute = createRoute({
  method: 'post',
  path: '/auth/refresh',
  tags,
  summary: 'Rotate the token pair',
  description:
    'Trades a refresh token for a new access and refresh token. Each refresh token works once: presenting ' +
    'one that was already used revokes every token of that sign-in and returns 401.',
  middleware: localSignInOnly,
  request: { body: jsonBody(RefreshRequest, 'The current refresh token.') },
  responses: {
    200: jsonResponse(AuthTokensSchema, 'A new token pair.'),
    ...problems(...BODY_PROBLEMS, 401),
    403: LOCAL_SIGN_IN_OFF,
  },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'Sign out',
  description:
    'Ends the current sign-in: its refresh tokens are revoked and the access token used here stops working. ' +
    "OpenDeck holds no sign-in for an identity provider's token: that is a 400 saying to sign out at the issuer.",
  middleware: requireAuth,
  security: bearerSecurity,
  responses: {
    204: { description: 'Signed out.' },
    ...problems(401),
    400: problemWhen("The token is the identity provider's: sign out at the issuer."),
  },
});

export const authConfigRoute = createRoute({
  method: 'get',
  path: '/auth/config',
  tags,
  summary: 'How to sign in',
  description:
    "Which sign-in methods this server accepts and, for the organisation's identity provider (OIDC), the URLs from " +
    'its discovery document. Needs no token. 502 when the issuer cannot be reached.',
  responses: {
    200: jsonResponse(AuthConfigSchema, 'The sign-in methods.'),
    502: problemWhen("The identity provider's discovery document could not be fetched."),
  },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags,
  summary: 'The current user',
  description: 'Returns the account the bearer token belongs to.',
  middleware: requireAuth,
  security: bearerSecurity,
  responses: {
    200: jsonResponse(UserSchema, 'The signed-in user.'),
    ...problems(401),
  },
});
