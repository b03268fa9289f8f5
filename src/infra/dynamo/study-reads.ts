/**
 * Reads behind the study queue on DynamoDB: card items fetched by key in batches, and new cards found by walking
 * a deck's card partition in listing order and skipping the cards the user has a non-new state for.
 */
import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Card, CardStudyState, StudyCard } from '../../core/index.js';
import { CARDS_IN_LISTING_ORDER, toCard } from './card-items.js';
import type { Dynamo } from './client.js';
import { cardKey, cardPartition, deckPartition, type Key } from './keys.js';
import { queryAll, type Item } from './query.js';
import { statePartition, toState } from './study-items.js';

/** Items by key (any order in, the same order out; missing ones left out), 100 per BatchGetItem. */
export async function batchGet(dynamo: Dynamo, table: string, keys: Key[]): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, { Keys: Key[]; ConsistentRead: boolean }> | undefined = {
      [table]: { Keys: keys.slice(i, i + 100), ConsistentRead: true },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const result = await dynamo.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[table] ?? []) found.set(`${item.PK}|${item.SK}`, item);
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

const keyId = (k: Key) => `${k.PK}|${k.SK}`;

/** The cards of these states, in the states' order (a card deleted meanwhile is left out). */
export async function withCards(dynamo: Dynamo, states: CardStudyState[]): Promise<StudyCard[]> {
  const keys = states.map((s) => cardKey(s.deck_id, s.card_id));
  const cards = await batchGet(dynamo, dynamo.tables.flashcards, keys);
  return states.flatMap((state, i) => {
    const item = cards.get(keyId(keys[i]!));
    return item ? [{ card: toCard(item), state }] : [];
  });
}

const PAGE = 100;

/**
 * Up to `limit` cards of one deck with no state or a new one, in listing order. The deck's states are read with
 * one Query of their partition first (billed by total size: about 0.15 RCU per state) rather than probed card by
 * card (BatchGetItem bills at least 1 RCU per item); then the cards are read in pages until enough are new.
 */
async function newInDeck(dynamo: Dynamo, userId: string, deckId: string, limit: number): Promise<StudyCard[]> {
  const states = new Map(
    (
      await queryAll(dynamo, {
        TableName: dynamo.tables.flashcards,
        KeyConditionExpression: 'PK = :PK',
        ExpressionAttributeValues: { ':PK': statePartition(userId, deckId) },
        ConsistentRead: true,
      })
    ).map((item) => [item.card_id as string, toState(item)]),
  );
  const found: StudyCard[] = [];
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await dynamo.doc.send(
      new QueryCommand({
        TableName: dynamo.tables.flashcards,
        IndexName: CARDS_IN_LISTING_ORDER,
        KeyConditionExpression: 'PK = :PK',
        ExpressionAttributeValues: { ':PK': cardPartition(deckId) },
        ConsistentRead: true,
        Limit: PAGE,
        ExclusiveStartKey: start,
      }),
    );
    start = page.LastEvaluatedKey;
    for (const card of (page.Items ?? []).map((i) => toCard(i))) {
      const state = states.get(card.id) ?? null;
      if (!state || state.state === 'new') found.push({ card, state });
      if (found.length >= limit) return found;
    }
  } while (start);
  return found;
}

/** The ids of the user's live decks (one Query of the user's deck partition). */
export async function userDeckIds(dynamo: Dynamo, userId: string): Promise<string[]> {
  const items = await queryAll(dynamo, {
    TableName: dynamo.tables.decks,
    KeyConditionExpression: 'PK = :PK AND begins_with(SK, :deck)',
    ExpressionAttributeValues: { ':PK': deckPartition(userId), ':deck': 'DECK#' },
    ProjectionExpression: 'id, deleting',
    ConsistentRead: true,
  });
  return items.filter((i) => i.deleting === undefined).map((i) => i.id as string);
}

const byListing = (a: Card, b: Card) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function listNewCards(dynamo: Dynamo, userId: string, deckId: string | null, limit: number): Promise<StudyCard[]> {
  if (deckId !== null) return newInDeck(dynamo, userId, deckId, limit);
  const perDeck = await Promise.all((await userDeckIds(dynamo, userId)).map((id) => newInDeck(dynamo, userId, id, limit)));
  return perDeck
    .flat()
    .sort((a, b) => byListing(a.card, b.card))
    .slice(0, limit);
}
