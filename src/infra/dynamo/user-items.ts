/** The user item and the email item that keeps emails unique; shared by sign-up and first external sign-in. */
import type { NewUser, User, UserWithPassword } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { emailKey, iso, norm, userKey } from './keys.js';
import type { Item } from './query.js';
import type { TransactItem } from './transact.js';

export const toUser = (item: Item): User => ({
  id: item.id as string,
  email: item.email as string,
  name: item.name as string,
  created_at: new Date(item.created_at as string),
  updated_at: new Date(item.updated_at as string),
});

export const toUserWithPassword = (item: Item): UserWithPassword => ({
  ...toUser(item),
  password_hash: (item.password_hash as string | null) ?? null,
});

/**
 * The two puts that create a user: the user item and the email item, each only if absent. In one transaction,
 * of two sign-ups with one email exactly one commits (the index on lower(email) does this in PostgreSQL).
 */
export function newUserWrites(dynamo: Dynamo, user: NewUser): { item: Item; writes: [TransactItem, TransactItem] } {
  const id = norm(user.id);
  const created = iso(user.created_at);
  const item = {
    ...userKey(id),
    id,
    email: user.email,
    name: user.name,
    password_hash: user.password_hash,
    created_at: created,
    updated_at: created,
  };
  const table = dynamo.tables.users;
  const absent = 'attribute_not_exists(PK)';
  return {
    item,
    writes: [
      { Put: { TableName: table, Item: item, ConditionExpression: absent } },
      { Put: { TableName: table, Item: { ...emailKey(user.email), user_id: id }, ConditionExpression: absent } },
    ],
  };
}
