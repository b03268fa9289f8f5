import { and, eq, sql } from 'drizzle-orm';
import { CoreError, isUuid, type IdentityRepository } from '../../core/index.js';
import { isUniqueViolation, type Database } from './database.js';
import { userIdentities, users } from './schema.js';

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  created_at: users.created_at,
  updated_at: users.updated_at,
};

/** Postgres' SQLSTATE for a foreign key violation: linking a user that does not exist. */
const FOREIGN_KEY_VIOLATION = '23503';
const isForeignKeyViolation = (error: unknown): boolean => {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return true;
  }
  return false;
};

export function createIdentityRepository(db: Database): IdentityRepository {
  // Runs on every request signed with the identity provider's token: prepared once, like the session check.
  const linkedUser = db
    .select(publicColumns)
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.user_id))
    .where(and(eq(userIdentities.issuer, sql.placeholder('issuer')), eq(userIdentities.subject, sql.placeholder('subject'))))
    .prepare('opendeck_identity_user');

  return {
    async findUser(issuer, subject) {
      const [row] = await linkedUser.execute({ issuer, subject });
      return row ?? null;
    },
    async link(identity) {
      if (!isUuid(identity.user_id)) throw new CoreError('not_found', 'The user was not found.');
      try {
        // The primary key decides: of two racing links the first stays, the second changes nothing.
        await db
          .insert(userIdentities)
          .values(identity)
          .onConflictDoNothing({ target: [userIdentities.issuer, userIdentities.subject] });
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new CoreError('not_found', 'The user was not found.');
        throw error;
      }
    },
    async createUser(user, identity) {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(users)
            .values({ ...user, password_hash: null, updated_at: user.created_at })
            .returning(publicColumns);
          await tx.insert(userIdentities).values({ ...identity, user_id: user.id, created_at: user.created_at });
          return row!;
        });
      } catch (error) {
        // Either the email is taken or a racing first sign-in linked this identity first; nothing was written.
        if (isUniqueViolation(error)) throw new CoreError('conflict', 'This sign-in or its email already belongs to an account.');
        throw error;
      }
    },
  };
}
