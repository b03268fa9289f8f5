/**
 * What deleting a card or a deck removes besides the cards: their study states, review log entries, idempotency
 * keys and (for a deck) study sessions. Every read here is a strongly consistent Query of one partition, so
 * nothing written before the deletion is missed: every card with log entries has a state item in its deck's
 * STUDY# partition.
 */
import type { Dynamo } from './client.js';
import { deleteKeys, keyOf } from './batch-delete.js';
import { queryAll } from './query.js';
import { idemKey, logPartition, openSessionKey, sessionPartition, stateKey, statePartition } from './study-items.js';

export async function removeCardStudy(dynamo: Dynamo, userId: string, deckId: string, cardId: string): Promise<void> {
  const log = await queryAll(dynamo, {
    TableName: dynamo.tables.flashcards,
    KeyConditionExpression: 'PK = :PK',
    ExpressionAttributeValues: { ':PK': logPartition(userId, cardId) },
    ProjectionExpression: 'PK, SK, idempotency_key',
    ConsistentRead: true,
  });
  const idempotency = log.filter((e) => typeof e.idempotency_key === 'string').map((e) => idemKey(userId, e.idempotency_key as string));
  // The state last: while it exists a retry still finds this card's log through it.
  await deleteKeys(dynamo, dynamo.tables.flashcards, [...log.map(keyOf), ...idempotency]);
  await deleteKeys(dynamo, dynamo.tables.flashcards, [stateKey(userId, deckId, cardId)]);
}

export async function removeDeckStudy(dynamo: Dynamo, userId: string, deckId: string): Promise<void> {
  const states = await queryAll(dynamo, {
    TableName: dynamo.tables.flashcards,
    KeyConditionExpression: 'PK = :PK',
    ExpressionAttributeValues: { ':PK': statePartition(userId, deckId) },
    ProjectionExpression: 'PK, SK, card_id',
    ConsistentRead: true,
  });
  for (const state of states) await removeCardStudy(dynamo, userId, deckId, state.card_id as string);
  const sessions = await queryAll(dynamo, {
    TableName: dynamo.tables.flashcards,
    KeyConditionExpression: 'PK = :PK AND begins_with(SK, :session)',
    FilterExpression: 'deck_id = :deck',
    ExpressionAttributeValues: { ':PK': sessionPartition(userId), ':session': 'SESSION#', ':deck': deckId.toLowerCase() },
    ProjectionExpression: 'PK, SK',
    ConsistentRead: true,
  });
  await deleteKeys(dynamo, dynamo.tables.flashcards, [...sessions.map(keyOf), openSessionKey(userId, deckId)]);
}
