/** Links from the identity provider's (issuer, subject) to OpenDeck users, in the users table. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CoreError, isUuid, type IdentityRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { identityKey, iso, norm, userKey } from './keys.js';
import { TransactionCancelled, transact } from './transact.js';
import { getUserItem } from './user-repository.js';
import { newUserWrites, toUser } from './user-items.js';

const NO_USER = 'The user was not found.';
const TAKEN = 'This sign-in or its email already belongs to an account.';

export function createDynamoIdentityRepository(dynamo: Dynamo): IdentityRepository {
  const table = dynamo.tables.users;
  const identityPut = (issuer: string, subject: string, userId: string, createdAt: Date) => ({
    Put: {
      TableName: table,
      Item: { ...identityKey(issuer, subject), issuer, subject, user_id: norm(userId), created_at: iso(createdAt) },
      // The key decides: of two racing links or first sign-ins, the first stays.
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });

  return {
    async findUser(issuer, subject) {
      const { Item } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: identityKey(issuer, subject), ConsistentRead: true }));
      if (!Item) return null;
      const user = await getUserItem(dynamo, Item.user_id as string);
      return user ? toUser(user) : null;
    },
    async link(identity) {
      if (!isUuid(identity.user_id)) throw new CoreError('not_found', NO_USER);
      try {
        await transact(dynamo, [
          // The user must exist, as the foreign key demands in PostgreSQL.
          { ConditionCheck: { TableName: table, Key: userKey(identity.user_id), ConditionExpression: 'attribute_exists(PK)' } },
          identityPut(identity.issuer, identity.subject, identity.user_id, identity.created_at),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionCancelled)) throw error;
        if (error.failed(0)) throw new CoreError('not_found', NO_USER);
        // Linked already: the first link wins and this one changes nothing.
      }
    },
    async createUser(user, identity) {
      const { item, writes } = newUserWrites(dynamo, { ...user, password_hash: null });
      try {
        await transact(dynamo, [...writes, identityPut(identity.issuer, identity.subject, user.id, user.created_at)]);
      } catch (error) {
        // The email is taken or a racing first sign-in linked this identity first; nothing was written.
        if (error instanceof TransactionCancelled && error.reasons.includes('ConditionalCheckFailed'))
          throw new CoreError('conflict', TAKEN);
        throw error;
      }
      return toUser(item);
    },
  };
}
