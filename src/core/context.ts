import { CoreError } from './errors.js';
import type { Ports } from './ports/index.js';

/** What every use case receives besides its input: who is calling, for which request, and the ports. */
export interface Ctx {
  /** The signed-in user, or null for anonymous calls such as register and login. */
  userId: string | null;
  sessionId?: string | null;
  /** The identity provider that vouched for the caller; null or absent for OpenDeck's own tokens. */
  issuer?: string | null;
  requestId: string;
  ports: Ports;
}

export interface UseCaseArgs<I> {
  ctx: Ctx;
  input: I;
}

export function requireUser(ctx: Pick<Ctx, 'userId'>): string {
  if (!ctx.userId) throw new CoreError('unauthorized', 'You need to sign in to do this.');
  return ctx.userId;
}
