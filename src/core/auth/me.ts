import type { User } from '../domain.js';
import { requireUser, type UseCaseArgs } from '../context.js';
import { CoreError } from '../errors.js';

export async function me({ ctx }: UseCaseArgs<void>): Promise<User> {
  const user = await ctx.ports.users.findById(requireUser(ctx));
  if (!user) throw new CoreError('unauthorized', 'Your account no longer exists. Sign in again.');
  return user;
}
