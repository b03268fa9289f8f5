import { requireUser, type UseCaseArgs } from '../context.js';
import { CoreError } from '../errors.js';

/** Ends the caller's sign-in: its refresh tokens stop working and so does the access token used here. */
export async function logout({ ctx }: UseCaseArgs<void>): Promise<void> {
  const userId = requireUser(ctx);
  if (!ctx.sessionId && ctx.issuer) {
    // OpenDeck holds no session for the identity provider's tokens: pretending to end one would be a lie.
    throw new CoreError(
      'bad_request',
      `You signed in at ${ctx.issuer}, so OpenDeck has no sign-in of yours to end. ` +
        `Sign out at ${ctx.issuer}; its access token stops working when it expires.`,
    );
  }
  if (!ctx.sessionId) throw new CoreError('unauthorized', 'You need to sign in to do this.');
  await ctx.ports.sessions.revoke(ctx.sessionId, userId, ctx.ports.clock.now());
}
