/**
 * Notifications over DynamoDB (keys in notification-items.ts). Every change of `read` moves the unread counter in
 * the same transaction, conditioned on the item's state, so the count the bell shows on every page is one
 * GetItem, never a count of the partition. The list reads one partition, newest first; no scan anywhere.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { epochSeconds, iso, validIds } from './keys.js';
import {
  NOTIFICATION_PREFIX,
  notificationKey,
  notificationWrites,
  toNotification,
  unreadChange,
  unreadCounterKey,
} from './notification-items.js';
import { queryAll, skipThenPage, type Item } from './query.js';
import { TransactionCancelled, transact, type TransactItem } from './transact.js';

/** At most 100 items per transaction: 99 notifications and the counter. */
const CHUNK = 99;
const ATTEMPTS = 5;

export function createDynamoNotificationRepository(dynamo: Dynamo): NotificationRepository {
  const table = dynamo.tables.users;
  const get = async (userId: string, id: string): Promise<Item | undefined> =>
    (await dynamo.doc.send(new GetCommand({ TableName: table, Key: notificationKey(userId, id), ConsistentRead: true }))).Item;

  const readUpdate = (userId: string, id: string, now: Date, purgeAfter: Date): TransactItem => ({
    Update: {
      TableName: table,
      Key: notificationKey(userId, id),
      UpdateExpression: 'SET #read = :true, read_at = :now, expires_ttl = :ttl',
      ConditionExpression: 'attribute_exists(PK) AND #read = :false',
      ExpressionAttributeNames: { '#read': 'read' },
      ExpressionAttributeValues: { ':true': true, ':false': false, ':now': iso(now), ':ttl': epochSeconds(purgeAfter) },
    },
  });

  /** Marks one read; false when it was already read (or is gone) by the time the write ran. */
  const markOne = async (userId: string, id: string, now: Date, purgeAfter: Date): Promise<boolean> => {
    try {
      await transact(dynamo, [readUpdate(userId, id, now, purgeAfter), unreadChange(dynamo, userId, -1)]);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed(0)) return false;
      throw error;
    }
  };

  return {
    async create(n) {
      try {
        await transact(dynamo, notificationWrites(dynamo, n));
        return true;
      } catch (error) {
        // The marker is the last write: only a repeated dedupe key fails there.
        if (error instanceof TransactionCancelled && n.dedupe_key !== null && error.failed(2)) return false;
        throw error;
      }
    },
    async list(userId, { limit, offset, unreadOnly }) {
      if (!validIds(userId)) return [];
      const nowTtl = epochSeconds(new Date());
      // TTL removes expired items up to a few days late; they are hidden from the list in the meantime.
      const filter = ['(attribute_not_exists(expires_ttl) OR expires_ttl > :now)', ...(unreadOnly ? ['#read = :false'] : [])].join(' AND ');
      const items = await skipThenPage(
        dynamo,
        {
          TableName: table,
          KeyConditionExpression: 'PK = :PK AND begins_with(SK, :prefix)',
          FilterExpression: filter,
          ExpressionAttributeNames: unreadOnly ? { '#read': 'read' } : undefined,
          ExpressionAttributeValues: {
            ':PK': notificationKey(userId, '').PK,
            ':prefix': NOTIFICATION_PREFIX,
            ':now': nowTtl,
            ...(unreadOnly ? { ':false': false } : {}),
          },
          ScanIndexForward: false,
          ConsistentRead: true,
        },
        offset,
        limit,
      );
      return items.map(toNotification);
    },
    async unreadCount(userId) {
      if (!validIds(userId)) return 0;
      const { Item } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: unreadCounterKey(userId), ConsistentRead: true }));
      return Math.max(0, Number(Item?.unread ?? 0));
    },
    async markRead(userId, id, now, purgeAfter) {
      if (!validIds(userId, id)) return false;
      const item = await get(userId, id);
      if (!item) return false;
      if (item.read !== true) await markOne(userId, id, now, purgeAfter);
      return true;
    },
    async markAllRead(userId, now, purgeAfter) {
      if (!validIds(userId)) return 0;
      const unread = await queryAll(dynamo, {
        TableName: table,
        KeyConditionExpression: 'PK = :PK AND begins_with(SK, :prefix)',
        FilterExpression: '#read = :false',
        ExpressionAttributeNames: { '#read': 'read' },
        ExpressionAttributeValues: { ':PK': notificationKey(userId, '').PK, ':prefix': NOTIFICATION_PREFIX, ':false': false },
        ProjectionExpression: 'id',
        ConsistentRead: true,
      });
      let changed = 0;
      for (let i = 0; i < unread.length; i += CHUNK) {
        const ids = unread.slice(i, i + CHUNK).map((item) => item.id as string);
        try {
          await transact(dynamo, [...ids.map((id) => readUpdate(userId, id, now, purgeAfter)), unreadChange(dynamo, userId, -ids.length)]);
          changed += ids.length;
        } catch (error) {
          if (!(error instanceof TransactionCancelled)) throw error;
          // One of them was read or deleted meanwhile: the rest one by one, each with its own condition.
          for (const id of ids) if (await markOne(userId, id, now, purgeAfter)) changed++;
        }
      }
      return changed;
    },
    async delete(userId, id) {
      if (!validIds(userId, id)) return false;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const item = await get(userId, id);
        if (!item) return false;
        const wasUnread = item.read !== true;
        try {
          // Conditioned on the state read just before, so the counter moves only for an unread one.
          await transact(dynamo, [
            {
              Delete: {
                TableName: table,
                Key: notificationKey(userId, id),
                ConditionExpression: 'attribute_exists(PK) AND #read = :read',
                ExpressionAttributeNames: { '#read': 'read' },
                ExpressionAttributeValues: { ':read': !wasUnread },
              },
            },
            ...(wasUnread ? [unreadChange(dynamo, userId, -1)] : []),
          ]);
          return true;
        } catch (error) {
          if (!(error instanceof TransactionCancelled && error.failed(0))) throw error;
        }
      }
      return false;
    },
    async sweep() {
      return 0; // the users table's TTL (expires_ttl) removes read notifications past their retention
    },
  };
}
