import { requireUser, type UseCaseArgs } from '../context.js';
import { CoreError } from '../errors.js';

/** Ends the caller's sign-in: its refresh tokens stop working and so does the access token used here. */
export async function logout({ ctx }: UseCaseArgs<void>): Promise<void> {
  const userId = requireUser(ctx);
  if (!ctx.sessionId) throw new CoreError('unauthorized', 'You need to sign in to do this.');
  await ctx.ports.sessions.revoke(ctx.sessionId, userId, ctx.ports.clock.now());
}
