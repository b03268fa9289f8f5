import type { UseCaseArgs } from '../context.js';
import { validationFailed } from '../errors.js';
import { registerInput } from '../schemas.js';
import { parseInput } from '../validate.js';
import { startSession, type AuthTokens } from './issue-tokens.js';
import { assertLocalSignIn } from './local-sign-in.js';

/** Creates an account and signs it in at once. A taken email is a conflict (409). */
export async function register({ ctx, input }: UseCaseArgs<unknown>): Promise<AuthTokens> {
  const { ports } = ctx;
  assertLocalSignIn(ports);
  const data = parseInput(registerInput, input);
  if (ports.blocklist.isCommon(data.password)) {
    throw validationFailed([{ path: 'password', message: 'is one of the most commonly used passwords; choose a less predictable one' }]);
  }
  const user = await ports.users.create({
    id: ports.ids.next(),
    email: data.email,
    name: data.name,
    password_hash: await ports.hasher.hash(data.password),
    created_at: ports.clock.now(),
  });
  return startSession(ports, user);
}
