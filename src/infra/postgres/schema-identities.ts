/** Sign-ins at the platform's identity provider (Keycloak, Cognito), linked to OpenDeck users. */
import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema-accounts.js';
import { timestamptz } from './schema-columns.js';

export const userIdentities = pgTable(
  'user_identities',
  {
    // The issuer URL exactly as in the token's `iss`, and its subject (`sub`): together the person's stable id.
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    created_at: timestamptz('created_at').notNull(),
  },
  // The primary key is what makes two racing first sign-ins end with one user.
  (t) => [primaryKey({ name: 'user_identities_pkey', columns: [t.issuer, t.subject] }), index('user_identities_user_id_idx').on(t.user_id)],
);
