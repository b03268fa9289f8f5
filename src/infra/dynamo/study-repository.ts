/**
 * The study repository on DynamoDB. The due queue is one Query of the by_due (or by_user_due) index per state
 * class, never a scan; its card texts come by key in one BatchGetItem. Index reads lag writes slightly on AWS,
 * so a card answered a moment ago may still be listed once: its answer then meets a stale version (409).
 * A write is one transaction: card still there, state at the expected version, log entry, idempotency key.
 */
import { GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DueQuery, StudyRepository, StudyStateName } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { cardKey, iso, norm, validIds } from './keys.js';
import { queryAll, type Item } from './query.js';
import { countNewCards, statesOf } from './study-counts.js';
import {
  dueClass,
  dueScope,
  entryItem,
  idemKey,
  logKey,
  logPartition,
  settingsKey,
  stateItem,
  stateKey,
  toEntry,
  toState,
  userScope,
} from './study-items.js';
import { listNewCards, withCards } from './study-reads.js';
import { TransactionCancelled, transact } from './transact.js';

/** Entries may say they were reviewed up to this long after they were written (the core's tolerance). */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

export function createDynamoStudyRepository(dynamo: Dynamo): StudyRepository {
  const table = dynamo.tables.flashcards;
  const valid = (...ids: (string | null)[]) => validIds(...ids.filter((id): id is string => id !== null));

  /** One range query per state class (learning+relearning, review), merged by due. */
  async function dueItems(userId: string, q: DueQuery, limit: number | null): Promise<Item[]> {
    const classes = [...new Set(q.states.map(dueClass).filter((c): c is 'L' | 'R' => c !== null))];
    const wanted = new Set<StudyStateName>(q.states);
    const lists = await Promise.all(
      classes.map(async (cls) => {
        const input: QueryCommandInput = {
          TableName: table,
          IndexName: q.deckId === null ? 'by_user_due' : 'by_due',
          KeyConditionExpression: `${q.deckId === null ? 'user_scope' : 'due_scope'} = :scope AND due_key BETWEEN :lo AND :hi`,
          ExpressionAttributeValues: {
            ':scope': q.deckId === null ? userScope(userId) : dueScope(userId, q.deckId),
            ':lo': `${cls}#`,
            ':hi': `${cls}#${iso(q.before)}#~`,
          },
        };
        if (limit === null) return queryAll(dynamo, input);
        const items: Item[] = [];
        let start: QueryCommandInput['ExclusiveStartKey'];
        do {
          const page = await dynamo.doc.send(new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: start }));
          items.push(...((page.Items ?? []) as Item[]));
          start = page.LastEvaluatedKey;
        } while (start && items.length < limit);
        return items;
      }),
    );
    const merged = lists.flat().filter((i) => wanted.has(i.state as StudyStateName));
    merged.sort((a, b) => ((a.due_key as string).slice(2) < (b.due_key as string).slice(2) ? -1 : 1));
    return limit === null ? merged : merged.slice(0, limit);
  }

  const getEntryByKey = async (userId: string, key: string) => {
    const { Item: idem } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: idemKey(userId, key), ConsistentRead: true }));
    if (!idem) return null;
    const { Item } = await dynamo.doc.send(
      new GetCommand({ TableName: table, Key: logKey(userId, idem.card_id as string, idem.version as number), ConsistentRead: true }),
    );
    return Item ? toEntry(Item) : null;
  };

  /** The user's (or deck's) log newest first, filtered, following pages until `take` says stop. */
  async function scanLog(userId: string, deckId: string | null, input: Partial<QueryCommandInput>, take: (entries: Item[]) => boolean) {
    let start: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await dynamo.doc.send(
        new QueryCommand({
          TableName: table,
          IndexName: deckId === null ? 'log_by_user' : 'log_by_deck',
          KeyConditionExpression: `${deckId === null ? 'log_user' : 'log_deck'} = :scope`,
          ExpressionAttributeValues: { ':scope': deckId === null ? userScope(userId) : dueScope(userId, deckId) },
          ExclusiveStartKey: start,
          ...input,
          ...(input.ExpressionAttributeValues
            ? {
                ExpressionAttributeValues: {
                  ':scope': deckId === null ? userScope(userId) : dueScope(userId, deckId),
                  ...input.ExpressionAttributeValues,
                },
              }
            : {}),
        }),
      );
      if (take((page.Items ?? []) as Item[])) return;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  const repository: StudyRepository = {
    async getSettings(userId) {
      if (!valid(userId)) return null;
      const { Item } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: settingsKey(userId), ConsistentRead: true }));
      return Item ? (Item.settings as never) : null;
    },
    async saveSettings(userId, settings, now) {
      await dynamo.doc.send(new PutCommand({ TableName: table, Item: { ...settingsKey(userId), settings, updated_at: iso(now) } }));
    },
    async getState(userId, deckId, cardId) {
      if (!valid(userId, deckId, cardId)) return null;
      const { Item } = await dynamo.doc.send(
        new GetCommand({ TableName: table, Key: stateKey(userId, deckId, cardId), ConsistentRead: true }),
      );
      return Item ? toState(Item) : null;
    },
    async listDue(userId, query, limit) {
      if (!valid(userId, query.deckId)) return [];
      return withCards(dynamo, (await dueItems(userId, query, limit)).map(toState));
    },
    async countDue(userId, query) {
      if (!valid(userId, query.deckId)) return 0;
      return (await dueItems(userId, query, null)).length;
    },
    async listNew(userId, deckId, limit) {
      if (!valid(userId, deckId)) return [];
      return (await listNewCards(dynamo, userId, deckId, limit)).filter((c) => c.card.user_id === norm(userId));
    },
    async countNew(userId, deckId) {
      if (!valid(userId, deckId)) return 0;
      return countNewCards(dynamo, userId, deckId);
    },
    async listStates(userId, deckId) {
      if (!valid(userId, deckId)) return [];
      return statesOf(dynamo, userId, deckId);
    },
    async write(userId, { card, expected_version, entry, next }) {
      if (!valid(userId, card.id, card.deck_id)) return { status: 'card_gone' };
      if (entry.idempotency_key !== null) {
        const earlier = await getEntryByKey(userId, entry.idempotency_key);
        if (earlier) return { status: 'duplicate', entry: earlier };
      }
      const stateCondition =
        expected_version === 0
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expected_version } };
      try {
        await transact(dynamo, [
          {
            ConditionCheck: {
              TableName: table,
              Key: cardKey(card.deck_id, card.id),
              ConditionExpression: 'attribute_exists(PK) AND user_id = :user',
              ExpressionAttributeValues: { ':user': norm(userId) },
            },
          },
          { Put: { TableName: table, Item: stateItem(next), ...stateCondition } },
          { Put: { TableName: table, Item: entryItem(entry), ConditionExpression: 'attribute_not_exists(PK)' } },
          ...(entry.idempotency_key === null
            ? []
            : [
                {
                  Put: {
                    TableName: table,
                    Item: { ...idemKey(userId, entry.idempotency_key), card_id: norm(card.id), version: entry.version },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
              ]),
        ]);
        return { status: 'written' };
      } catch (error) {
        if (!(error instanceof TransactionCancelled)) throw error;
        if (error.failed(0)) return { status: 'card_gone' };
        if (error.failed(3) && entry.idempotency_key !== null) {
          const earlier = await getEntryByKey(userId, entry.idempotency_key);
          if (earlier) return { status: 'duplicate', entry: earlier };
        }
        return { status: 'stale' };
      }
    },
    async findByIdempotencyKey(userId, key) {
      if (!valid(userId)) return null;
      return getEntryByKey(userId, key);
    },
    async lastReview(userId, deckId) {
      if (!valid(userId, deckId)) return null;
      let found: Item | null = null;
      await scanLog(userId, deckId, { ScanIndexForward: false, Limit: 25 }, (items) => {
        found = items.find((i) => i.kind === 'review' && !i.undone_at) ?? null;
        return found !== null;
      });
      return found ? toEntry(found) : null;
    },
    async undo(userId, { entry, expected_version, restored, undone_at }) {
      try {
        await transact(dynamo, [
          {
            Update: {
              TableName: table,
              Key: logKey(userId, entry.card_id, entry.version),
              UpdateExpression: 'SET undone_at = :at',
              ConditionExpression: 'attribute_exists(PK) AND undone_at = :null',
              ExpressionAttributeValues: { ':at': iso(undone_at), ':null': null },
            },
          },
          {
            Put: {
              TableName: table,
              Item: stateItem(restored),
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expected_version },
            },
          },
        ]);
        return true;
      } catch (error) {
        if (error instanceof TransactionCancelled) return false;
        throw error;
      }
    },
    async cardLog(userId, cardId) {
      if (!valid(userId, cardId)) return [];
      const items = await queryAll(dynamo, {
        TableName: table,
        KeyConditionExpression: 'PK = :PK',
        ExpressionAttributeValues: { ':PK': logPartition(userId, cardId) },
        ConsistentRead: true,
      });
      return items.map(toEntry);
    },
    async countNewStarted(userId, since) {
      const entries = await repository.logSince(userId, null, since);
      return entries.filter((e) => e.kind === 'review' && e.state_before.state === 'new').length;
    },
    async logSince(userId, deckId, since) {
      if (!valid(userId, deckId)) return [];
      const items: Item[] = [];
      await scanLog(
        userId,
        deckId,
        {
          KeyConditionExpression: `${deckId === null ? 'log_user' : 'log_deck'} = :scope AND log_key >= :since`,
          ExpressionAttributeValues: { ':since': iso(new Date(since.getTime() - CLOCK_TOLERANCE_MS)) },
        },
        (page) => {
          items.push(...page);
          return false;
        },
      );
      return items.map(toEntry).filter((e) => e.undone_at === null && e.reviewed_at >= since);
    },
  };
  return repository;
}
