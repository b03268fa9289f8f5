import { eq, sql } from 'drizzle-orm';
import { CoreError, isUuid, type UserRepository } from '../../core/index.js';
import { isUniqueViolation, type Database } from './database.js';
import { users } from './schema.js';

const EMAIL_TAKEN = 'An account with this email already exists.';

/** Every column except the password hash, which only findByEmail (sign-in) needs. */
const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  created_at: users.created_at,
  updated_at: users.updated_at,
};

export function createPostgresUserRepository(db: Database): UserRepository {
  return {
    async create(user) {
      try {
        // No look-up first: the unique index decides, so two concurrent sign-ups cannot both win.
        const [row] = await db
          .insert(users)
          .values({ ...user, updated_at: user.created_at })
          .returning(publicColumns);
        return row!;
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_lower_unique')) throw new CoreError('conflict', EMAIL_TAKEN);
        throw error;
      }
    },
    async findById(id) {
      if (!isUuid(id)) return null;
      const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
      return row ?? null;
    },
    async findByEmail(email) {
      // lower() on both sides so the lookup uses the unique index on lower(email).
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return row ?? null;
    },
  };
}
