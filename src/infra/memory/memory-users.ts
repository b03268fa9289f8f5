import { CoreError, type NewUser, type User, type UserRepository, type UserWithPassword } from '../../core/index.js';
import { copyDate, idKey, type MemoryStore } from './memory-store.js';

const EMAIL_TAKEN = 'An account with this email already exists.';

const toUser = (u: UserWithPassword): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  created_at: copyDate(u.created_at),
  updated_at: copyDate(u.updated_at),
});

export function createMemoryUserRepository(store: MemoryStore): UserRepository {
  // Emails are unique case-insensitively, like the lower(email) unique index in Postgres.
  const findStoredByEmail = (email: string) => [...store.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase()) ?? null;

  return {
    async create(user: NewUser) {
      // No await before the check-and-insert: two concurrent creates cannot interleave here.
      if (findStoredByEmail(user.email) || store.users.has(idKey(user.id))) {
        throw new CoreError('conflict', EMAIL_TAKEN);
      }
      const stored: UserWithPassword = {
        ...user,
        created_at: copyDate(user.created_at),
        updated_at: copyDate(user.created_at),
      };
      store.users.set(idKey(user.id), stored);
      return toUser(stored);
    },
    async findById(id) {
      const u = store.users.get(idKey(id));
      return u ? toUser(u) : null;
    },
    async findByEmail(email) {
      const u = findStoredByEmail(email);
      return u ? { ...toUser(u), password_hash: u.password_hash } : null;
    },
  };
}
