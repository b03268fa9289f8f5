import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CoreError, isUuid, type UserRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { emailKey, userKey } from './keys.js';
import type { Item } from './query.js';
import { TransactionCancelled, transact } from './transact.js';
import { newUserWrites, toUser, toUserWithPassword } from './user-items.js';

const EMAIL_TAKEN = 'An account with this email already exists.';

/** The user item by id, read strongly consistent: a sign-in right after sign-up must find the account. */
export async function getUserItem(dynamo: Dynamo, userId: string): Promise<Item | null> {
  const { Item } = await dynamo.doc.send(new GetCommand({ TableName: dynamo.tables.users, Key: userKey(userId), ConsistentRead: true }));
  return Item ?? null;
}

export function createDynamoUserRepository(dynamo: Dynamo): UserRepository {
  return {
    async create(user) {
      const { item, writes } = newUserWrites(dynamo, user);
      try {
        await transact(dynamo, writes);
      } catch (error) {
        if (error instanceof TransactionCancelled && error.failed(1)) throw new CoreError('conflict', EMAIL_TAKEN);
        throw error;
      }
      return toUser(item);
    },
    async findById(id) {
      if (!isUuid(id)) return null;
      const item = await getUserItem(dynamo, id);
      return item ? toUser(item) : null;
    },
    async findByEmail(email) {
      // The email item, then the user it names: two strongly consistent reads instead of an (eventually
      // consistent) index on email.
      const { Item: owner } = await dynamo.doc.send(
        new GetCommand({ TableName: dynamo.tables.users, Key: emailKey(email), ConsistentRead: true }),
      );
      if (!owner) return null;
      const item = await getUserItem(dynamo, owner.user_id as string);
      return item ? toUserWithPassword(item) : null;
    },
  };
}
