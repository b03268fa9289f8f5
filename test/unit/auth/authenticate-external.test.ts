/**
 * authenticateExternal with in-memory ports and a stub verifier: the races the HTTP tests cannot time, such as a
 * local registration of the same email landing between the email look-up and the account creation.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticateExternal } from '../../../src/core/auth/authenticate-external.js';
import { CoreError, type ExternalIdentityClaims, type ExternalTokenVerifier, type Ports } from '../../../src/core/index.js';
import { createMemoryRepositories } from '../../../src/infra/memory/index.js';
import { systemClock, uuidGenerator } from '../../../src/infra/system/system-clock.js';

const ISSUER = 'https://sso.example.com/realms/opendeck';

function setup(claims: Partial<ExternalIdentityClaims>) {
  const repos = createMemoryRepositories();
  const verifier: ExternalTokenVerifier = {
    issuer: ISSUER,
    audience: 'opendeck',
    isOwnToken: () => true,
    verify: async () => ({ issuer: ISSUER, subject: randomUUID(), email: 'ana@example.com', emailVerified: true, name: 'Ana', ...claims }),
    fetchProfile: async () => null,
    describe: async () => ({
      issuer: ISSUER,
      authorization_endpoint: null,
      token_endpoint: null,
      jwks_uri: null,
      userinfo_endpoint: null,
      end_session_endpoint: null,
    }),
  };
  const ports = { ...repos, clock: systemClock, ids: uuidGenerator, externalTokens: verifier } as unknown as Ports;
  return { repos, ports, verifier };
}

/** Registers a local account with the email right before the first createUser runs, as a racing request would. */
function raceWithRegistration(repos: ReturnType<typeof setup>['repos']) {
  const createUser = repos.identities.createUser.bind(repos.identities);
  let localId: string | undefined;
  repos.identities.createUser = async (user, identity) => {
    if (!localId) {
      localId = randomUUID();
      await repos.users.create({ id: localId, email: user.email, name: 'Local', password_hash: 'x', created_at: new Date() });
    }
    return createUser(user, identity);
  };
  return () => localId;
}

describe('authenticateExternal races', () => {
  it('a verified email registered locally in the meantime is linked instead of failing', async () => {
    const { repos, ports, verifier } = setup({ emailVerified: true });
    const localId = raceWithRegistration(repos);
    const caller = await authenticateExternal(ports, verifier, 'token');
    expect(caller).toEqual({ userId: localId(), sessionId: null, issuer: ISSUER });
  });

  it('an unverified email registered locally in the meantime is the 409, with nothing linked', async () => {
    const { repos, ports, verifier } = setup({ emailVerified: false, subject: 'sub-1' });
    raceWithRegistration(repos);
    const error = await authenticateExternal(ports, verifier, 'token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('conflict');
    expect(await repos.identities.findUser(ISSUER, 'sub-1')).toBeNull();
  });

  it('names longer than the limit are cut, and a missing name falls back to the email', async () => {
    const long = setup({ name: 'N'.repeat(300), email: 'long@example.com' });
    const caller = await authenticateExternal(long.ports, long.verifier, 'token');
    expect((await long.repos.users.findById(caller.userId))?.name).toHaveLength(100);
    const nameless = setup({ name: null, email: 'Nameless.One@Example.com' });
    const other = await authenticateExternal(nameless.ports, nameless.verifier, 'token');
    expect(await nameless.repos.users.findById(other.userId)).toMatchObject({ email: 'nameless.one@example.com', name: 'nameless.one' });
  });
});
