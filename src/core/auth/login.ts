import type { UseCaseArgs } from '../context.js';
import { CoreError } from '../errors.js';
import type { PasswordHasher, Ports } from '../ports/index.js';
import { loginInput } from '../schemas.js';
import { parseInput } from '../validate.js';
import { startSession, type AuthTokens } from './issue-tokens.js';
import { assertLocalSignIn } from './local-sign-in.js';

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

/**
 * Failed sign-ins count per email whether or not an account has it, so the limit reveals nothing either.
 * The attempt is counted before the password is checked and given back only when it was right: a success
 * removes its own count and nothing else, so interleaving good sign-ins cannot erase an attacker's failures.
 */
async function takeAttempt(ports: Ports, email: string): Promise<void> {
  const retryAfterSeconds = await ports.loginAttempts?.take(email);
  if (retryAfterSeconds == null) return;
  throw new CoreError('rate_limited', 'Too many failed sign-ins for this account. Wait before trying again.', { retryAfterSeconds });
}

/** Same status, body and cost for an unknown email and a wrong password: nothing reveals who has an account. */
export async function login({ ctx, input }: UseCaseArgs<unknown>): Promise<AuthTokens> {
  const { ports } = ctx;
  assertLocalSignIn(ports);
  const data = parseInput(loginInput, input);
  await takeAttempt(ports, data.email);
  const user = await ports.users.findByEmail(data.email);
  // Users of the identity provider have no password: they pay the same dummy check and fail like a wrong one.
  const hash = user?.password_hash ?? (await dummyHashFor(ports.hasher));
  const ok = await ports.hasher.verify(hash, data.password);
  if (!user?.password_hash || !ok) throw new CoreError('unauthorized', INVALID_CREDENTIALS);
  await ports.loginAttempts?.giveBack(data.email);
  const { password_hash: _omit, ...publicUser } = user;
  return startSession(ports, publicUser);
}
