import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CoreError, type NewExternalUser } from '../../../src/core/index.js';
import { T0, addUser, at, uniqueEmail, type FixtureAccess } from './fixtures.js';

const ISSUER = 'https://id.example.com/realms/opendeck';
const newSubject = () => `sub-${randomUUID()}`;
const externalUser = (overrides: Partial<NewExternalUser> = {}): NewExternalUser => ({
  id: randomUUID(),
  email: uniqueEmail(),
  name: 'Grace Hopper',
  created_at: T0,
  ...overrides,
});

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) return null;
  expect(error).toBeInstanceOf(CoreError);
  return (error as CoreError).code;
}

export function describeIdentityContract(f: FixtureAccess): void {
  describe('identities', () => {
    it('createUser makes a user with no password and links the identity to it', async () => {
      const input = externalUser();
      const subject = newSubject();
      const user = await f.repos().identities.createUser(input, { issuer: ISSUER, subject });
      expect(user).toEqual({ id: input.id, email: input.email, name: input.name, created_at: T0, updated_at: T0 });
      expect(user).not.toHaveProperty('password_hash');
      expect(await f.repos().identities.findUser(ISSUER, subject)).toEqual(user);
      expect((await f.repos().users.findByEmail(input.email))?.password_hash).toBeNull();
    });

    it('findUser matches issuer and subject exactly', async () => {
      const subject = newSubject();
      await f.repos().identities.createUser(externalUser(), { issuer: ISSUER, subject });
      expect(await f.repos().identities.findUser(ISSUER, newSubject())).toBeNull();
      expect(await f.repos().identities.findUser(`${ISSUER}/`, subject)).toBeNull();
      expect(await f.repos().identities.findUser('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X', subject)).toBeNull();
      expect(await f.repos().identities.findUser(ISSUER, subject.toUpperCase())).toBeNull();
    });

    it('createUser with a taken email is a conflict and links nothing', async () => {
      const local = await addUser(f.repos());
      const subject = newSubject();
      expect(
        await codeOf(f.repos().identities.createUser(externalUser({ email: local.email.toUpperCase() }), { issuer: ISSUER, subject })),
      ).toBe('conflict');
      expect(await f.repos().identities.findUser(ISSUER, subject)).toBeNull();
    });

    it('createUser for an identity linked already is a conflict and creates no user', async () => {
      const subject = newSubject();
      await f.repos().identities.createUser(externalUser(), { issuer: ISSUER, subject });
      const second = externalUser();
      expect(await codeOf(f.repos().identities.createUser(second, { issuer: ISSUER, subject }))).toBe('conflict');
      expect(await f.repos().users.findByEmail(second.email)).toBeNull();
      expect(await f.repos().users.findById(second.id)).toBeNull();
    });

    it('of two concurrent first sign-ins of one identity exactly one creates a user, with one email or two', async () => {
      for (const sameEmail of [true, false]) {
        const subject = newSubject();
        const email = uniqueEmail();
        const [a, b] = [externalUser({ email }), externalUser({ email: sameEmail ? email : uniqueEmail() })];
        const results = await Promise.allSettled([
          f.repos().identities.createUser(a, { issuer: ISSUER, subject }),
          f.repos().identities.createUser(b, { issuer: ISSUER, subject }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
        expect((rejected.reason as CoreError).code).toBe('conflict');
        const winner = await f.repos().identities.findUser(ISSUER, subject);
        expect([a.id, b.id]).toContain(winner?.id);
        const loser = winner?.id === a.id ? b : a;
        expect(await f.repos().users.findById(loser.id)).toBeNull();
      }
    });

    it('link attaches an identity to an existing user; the first link wins and linking again changes nothing', async () => {
      const [ada, bob] = [await addUser(f.repos()), await addUser(f.repos())];
      const subject = newSubject();
      await f.repos().identities.link({ issuer: ISSUER, subject, user_id: ada.id, created_at: at(1) });
      await f.repos().identities.link({ issuer: ISSUER, subject, user_id: ada.id, created_at: at(2) });
      await f.repos().identities.link({ issuer: ISSUER, subject, user_id: bob.id, created_at: at(3) });
      expect((await f.repos().identities.findUser(ISSUER, subject))?.id).toBe(ada.id);
      // A user may have several identities (a re-created account at the issuer, a second issuer).
      await f.repos().identities.link({ issuer: ISSUER, subject: newSubject(), user_id: ada.id, created_at: at(4) });
      expect(await f.repos().identities.findUser(ISSUER, subject)).toEqual(ada);
    });

    it('racing links of one identity to two users leave exactly one link', async () => {
      const [ada, bob] = [await addUser(f.repos()), await addUser(f.repos())];
      const subject = newSubject();
      await Promise.all([ada, bob].map((u) => f.repos().identities.link({ issuer: ISSUER, subject, user_id: u.id, created_at: T0 })));
      expect([ada.id, bob.id]).toContain((await f.repos().identities.findUser(ISSUER, subject))?.id);
    });

    it('link to a user that does not exist is not_found and links nothing', async () => {
      const subject = newSubject();
      for (const userId of [randomUUID(), 'not-a-uuid']) {
        expect(await codeOf(f.repos().identities.link({ issuer: ISSUER, subject, user_id: userId, created_at: T0 }))).toBe('not_found');
      }
      expect(await f.repos().identities.findUser(ISSUER, subject)).toBeNull();
    });

    it('users.create takes a null password hash, and findByEmail gives it back as null', async () => {
      const user = await addUser(f.repos(), { password_hash: null });
      expect((await f.repos().users.findByEmail(user.email))?.password_hash).toBeNull();
    });
  });
}
