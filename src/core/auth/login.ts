import type { UseCaseArgs } from '../context.js';
import { CoreError } from '../errors.js';
import type { PasswordHasher } from '../ports.js';
import { loginInput } from '../schemas.js';
import { parseInput } from '../validate.js';
import { startSession, type AuthTokens } from './issue-tokens.js';

const INVALID_CREDENTIALS = 'The email or password is incorrect.';

// A real hash to verify against when the email is unknown, so both failures cost the same time.
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();
function dummyHashFor(hasher: PasswordHasher): Promise<string> {
  let hash = dummyHashes.get(hasher);
  if (!hash) {
    hash = hasher.hash('opendeck-timing-equaliser');
    dummyHashes.set(hasher, hash);
  }
  return hash;
}

/** Same status, body and cost for an unknown email and a wrong password: nothing reveals who has an account. */
export async function login({ ctx, input }: UseCaseArgs<unknown>): Promise<AuthTokens> {
  const { ports } = ctx;
  const data = parseInput(loginInput, input);
  const user = await ports.users.findByEmail(data.email);
  const hash = user ? user.password_hash : await dummyHashFor(ports.hasher);
  const ok = await ports.hasher.verify(hash, data.password);
  if (!user || !ok) throw new CoreError('unauthorized', INVALID_CREDENTIALS);
  const { password_hash: _omit, ...publicUser } = user;
  return startSession(ports, publicUser);
}
