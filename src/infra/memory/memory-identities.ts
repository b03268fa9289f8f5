import { CoreError, type IdentityRepository, type User, type UserWithPassword } from '../../core/index.js';
import { copyDate, idKey, type MemoryStore } from './memory-store.js';

/** A separator no issuer URL contains, so ("a", "b\nc") and ("a\nb", "c") never share a key. */
const identityKey = (issuer: string, subject: string) => `${issuer}\n${subject}`;

const toUser = (u: UserWithPassword): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  created_at: copyDate(u.created_at),
  updated_at: copyDate(u.updated_at),
});

/** Like the Postgres one: issuer and subject match exactly; no await between a check and its write. */
export function createMemoryIdentityRepository(store: MemoryStore): IdentityRepository {
  const emailTaken = (email: string) => [...store.users.values()].some((u) => u.email.toLowerCase() === email.toLowerCase());

  return {
    async findUser(issuer, subject) {
      const identity = store.identities.get(identityKey(issuer, subject));
      const user = identity && store.users.get(idKey(identity.user_id));
      return user ? toUser(user) : null;
    },
    async link(identity) {
      if (!store.users.has(idKey(identity.user_id))) throw new CoreError('not_found', 'The user was not found.');
      const key = identityKey(identity.issuer, identity.subject);
      if (!store.identities.has(key)) store.identities.set(key, { ...identity, created_at: copyDate(identity.created_at) });
    },
    async createUser(user, identity) {
      const key = identityKey(identity.issuer, identity.subject);
      if (store.identities.has(key) || emailTaken(user.email) || store.users.has(idKey(user.id))) {
        throw new CoreError('conflict', 'This sign-in or its email already belongs to an account.');
      }
      const stored: UserWithPassword = {
        ...user,
        password_hash: null,
        created_at: copyDate(user.created_at),
        updated_at: copyDate(user.created_at),
      };
      store.users.set(idKey(user.id), stored);
      store.identities.set(key, { ...identity, user_id: user.id, created_at: copyDate(user.created_at) });
      return toUser(stored);
    },
  };
}
