import type { UseCaseArgs } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import { refreshInput } from '../schemas.js';
import { parseInput } from '../validate.js';
import { issueTokens, type AuthTokens } from './issue-tokens.js';
import { assertLocalSignIn } from './local-sign-in.js';

const REFRESH_REJECTED = 'The refresh token is invalid, expired or already used. Sign in again.';

/**
 * Rotates a refresh token: each works once. Presenting a used one means it leaked, so the whole
 * sign-in (every token of its session) is revoked.
 */
export async function refresh({ ctx, input }: UseCaseArgs<unknown>): Promise<AuthTokens> {
  const { ports } = ctx;
  assertLocalSignIn(ports);
  const { refresh_token } = parseInput(refreshInput, input);
  const now = ports.clock.now();
  const claims = await ports.tokens.verify(refresh_token, 'refresh', now);
  const result = await ports.sessions.consumeRefreshToken(claims.jti, now);
  if (result.status === 'reused') {
    await ports.sessions.revoke(result.session_id, result.user_id, now);
    throw new CoreError('unauthorized', REFRESH_REJECTED);
  }
  if (result.status !== 'ok' || result.user_id !== claims.user_id || result.session_id !== claims.session_id) {
    throw new CoreError('unauthorized', REFRESH_REJECTED);
  }
  const user = await ports.users.findById(result.user_id);
  if (!user) throw notFound('The user');
  return issueTokens(ports, user, result.session_id);
}
