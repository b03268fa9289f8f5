/**
 * The original client's study sessions on DynamoDB, in the user's STUDYSESSIONS# partition. An OPEN#<deck> item
 * names the open session of a deck: starting one swaps it in the same transaction that ends the old session.
 * The list reads the user's session partition (one Query) and sorts it here: cost grows with that user's sessions.
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StudySessionRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { iso, norm, validIds } from './keys.js';
import { queryAll } from './query.js';
import { openSessionKey, sessionItem, sessionKey, sessionPartition, toSession } from './study-items.js';
import { TransactionCancelled, isConditionFailed, retryConflicts, transact } from './transact.js';

export function createDynamoStudySessionRepository(dynamo: Dynamo): StudySessionRepository {
  const table = dynamo.tables.flashcards;
  const read = async (userId: string, id: string) => {
    const { Item } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: sessionKey(userId, id), ConsistentRead: true }));
    return Item ?? null;
  };

  /** An update of an open session; null when missing, 'ended' when closed. */
  async function changeOpen(userId: string, id: string, update: string, values: Record<string, unknown>) {
    if (!validIds(userId, id)) return null;
    try {
      const { Attributes } = await retryConflicts(() =>
        dynamo.doc.send(
          new UpdateCommand({
            TableName: table,
            Key: sessionKey(userId, id),
            UpdateExpression: update,
            ConditionExpression: 'attribute_exists(PK) AND ended_at = :null',
            ExpressionAttributeValues: { ':null': null, ...values },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return toSession(Attributes!);
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      return (await read(userId, id)) ? ('ended' as const) : null;
    }
  }

  return {
    async start(session) {
      const pointer = openSessionKey(session.user_id, session.deck_id);
      for (let attempt = 0; ; attempt++) {
        const { Item: open } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: pointer, ConsistentRead: true }));
        const previous = open?.session_id as string | undefined;
        try {
          await transact(dynamo, [
            { Put: { TableName: table, Item: sessionItem(session), ConditionExpression: 'attribute_not_exists(PK)' } },
            {
              Put: {
                TableName: table,
                Item: { ...pointer, session_id: norm(session.id) },
                ...(previous
                  ? { ConditionExpression: 'session_id = :previous', ExpressionAttributeValues: { ':previous': previous } }
                  : { ConditionExpression: 'attribute_not_exists(PK)' }),
              },
            },
          ]);
          // The pointer moved in the transaction, so active() already names the new one; now end the old one.
          if (previous) await changeOpen(session.user_id, previous, 'SET ended_at = :at', { ':at': iso(session.started_at) });
          return toSession(sessionItem(session));
        } catch (error) {
          // Another start swapped the pointer first: read it again and retry.
          if (!(error instanceof TransactionCancelled) || attempt >= 5) throw error;
        }
      }
    },
    async get(userId, id) {
      if (!validIds(userId, id)) return null;
      const item = await read(userId, id);
      return item ? toSession(item) : null;
    },
    async active(userId, deckId) {
      if (!validIds(userId, deckId)) return null;
      const { Item: open } = await dynamo.doc.send(
        new GetCommand({ TableName: table, Key: openSessionKey(userId, deckId), ConsistentRead: true }),
      );
      if (!open) return null;
      const item = await read(userId, open.session_id as string);
      return item && !item.ended_at ? toSession(item) : null;
    },
    async list(userId, page) {
      if (!validIds(userId)) return { items: [], total: 0, ...page };
      const items = await queryAll(dynamo, {
        TableName: table,
        KeyConditionExpression: 'PK = :PK AND begins_with(SK, :session)',
        ExpressionAttributeValues: { ':PK': sessionPartition(userId), ':session': 'SESSION#' },
        ConsistentRead: true,
      });
      const sessions = items.map(toSession).sort((a, b) => b.started_at.getTime() - a.started_at.getTime() || (a.id < b.id ? 1 : -1));
      return {
        items: sessions.slice(page.offset, page.offset + page.limit),
        total: sessions.length,
        limit: page.limit,
        offset: page.offset,
      };
    },
    async countAnswer(userId, id, correct) {
      const counter = correct ? 'cards_correct' : 'cards_incorrect';
      return changeOpen(userId, id, `ADD cards_reviewed :one, ${counter} :one`, { ':one': 1 });
    },
    async complete(userId, id, now) {
      const done = await changeOpen(userId, id, 'SET ended_at = :at', { ':at': iso(now) });
      if (done && done !== 'ended') {
        try {
          await dynamo.doc.send(
            new DeleteCommand({
              TableName: table,
              Key: openSessionKey(userId, done.deck_id),
              ConditionExpression: 'session_id = :id',
              ExpressionAttributeValues: { ':id': norm(id) },
            }),
          );
        } catch (error) {
          if (!isConditionFailed(error)) throw error;
        }
      }
      return done;
    },
  };
}
