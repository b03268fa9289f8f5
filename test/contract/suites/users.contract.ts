import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/index.js';
import { T0, newUser, uniqueEmail, type FixtureAccess } from './fixtures.js';

const EMAIL_TAKEN = 'An account with this email already exists.';

async function expectConflict(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  expect((error as CoreError).code).toBe('conflict');
  expect((error as CoreError).message).toBe(EMAIL_TAKEN);
}

export function describeUserContract(f: FixtureAccess): void {
  describe('users', () => {
    it('create returns the user without its password hash, updated_at equal to created_at', async () => {
      const input = newUser({ name: 'Zoë Ñandú 学生 🧠' });
      const user = await f.repos().users.create(input);
      expect(user).toEqual({ id: input.id, email: input.email, name: 'Zoë Ñandú 学生 🧠', created_at: T0, updated_at: T0 });
      expect(user.created_at).toBeInstanceOf(Date);
      expect(user).not.toHaveProperty('password_hash');
    });

    it('findById finds the user and answers null for unknown or malformed ids', async () => {
      const input = newUser();
      await f.repos().users.create(input);
      const found = await f.repos().users.findById(input.id);
      expect(found).toEqual({ id: input.id, email: input.email, name: input.name, created_at: T0, updated_at: T0 });
      expect(found).not.toHaveProperty('password_hash');
      expect(await f.repos().users.findById(newUser().id)).toBeNull();
      expect(await f.repos().users.findById('not-a-uuid')).toBeNull();
    });

    it('findByEmail returns the password hash, and null for an unknown email', async () => {
      const input = newUser();
      await f.repos().users.create(input);
      const found = await f.repos().users.findByEmail(input.email);
      expect(found?.id).toBe(input.id);
      expect(found?.password_hash).toBe(input.password_hash);
      expect(found?.updated_at).toEqual(T0);
      expect(await f.repos().users.findByEmail(uniqueEmail())).toBeNull();
    });

    it('a second account with the same email is a conflict and changes nothing', async () => {
      const first = newUser();
      await f.repos().users.create(first);
      await expectConflict(f.repos().users.create(newUser({ email: first.email, name: 'Intruder' })));
      expect((await f.repos().users.findByEmail(first.email))?.id).toBe(first.id);
    });

    it('emails are unique ignoring case, even if a caller forgot to normalise one', async () => {
      const first = newUser();
      await f.repos().users.create(first);
      await expectConflict(f.repos().users.create(newUser({ email: first.email.toUpperCase() })));
    });

    it('of two concurrent creates with one email exactly one succeeds', async () => {
      const email = uniqueEmail();
      const [a, b] = [newUser({ email }), newUser({ email })];
      const results = await Promise.allSettled([f.repos().users.create(a), f.repos().users.create(b)]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(CoreError);
      expect((rejected[0]!.reason as CoreError).code).toBe('conflict');
      const stored = await f.repos().users.findByEmail(email);
      expect([a.id, b.id]).toContain(stored?.id);
    });
  });
}
