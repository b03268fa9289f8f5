/**
 * Deleting a deck and its cards. A deck may hold more cards than one transaction (100 items) can delete, so
 * this is NOT atomic; it is ordered so that every intermediate state is safe and a retry finishes the job:
 *   1. mark the deck `deleting` (conditional: only an existing deck of this user). From here on it reads as
 *      missing and LIVE_DECK conditions refuse new cards, so the card set can only shrink;
 *   2. delete its cards, page by page (BatchWriteItem), until the partition is empty;
 *   2b. delete the study states, review logs and sessions of the deck (study-cleanup.ts);
 *   3. clear deck_id on the documents that point at it (followed through the DECK#/DOC# link items);
 *   4. delete the deck item.
 * A crash after step 1 leaves a hidden deck and some cards: DELETE of the deck again (step 1 accepts a deck that
 * is already `deleting`) completes it and answers true. Until then those cards can still be read by id.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deleteKeys, keyOf } from './batch-delete.js';
import type { Dynamo } from './client.js';
import { cardPartition, deckDocumentKey, deckKey, documentKey, iso } from './keys.js';
import { queryAll } from './query.js';
import { isConditionFailed, retryConflicts } from './transact.js';
import { removeDeckStudy } from './study-cleanup.js';

async function deleteCards(dynamo: Dynamo, deckId: string): Promise<void> {
  for (;;) {
    const page = await queryAll(dynamo, {
      TableName: dynamo.tables.flashcards,
      KeyConditionExpression: 'PK = :PK',
      ExpressionAttributeValues: { ':PK': cardPartition(deckId) },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    });
    if (page.length === 0) return;
    await deleteKeys(dynamo, dynamo.tables.flashcards, page.map(keyOf));
  }
}

async function unlinkDocuments(dynamo: Dynamo, userId: string, deckId: string): Promise<void> {
  const links = await queryAll(dynamo, {
    TableName: dynamo.tables.documents,
    KeyConditionExpression: 'PK = :PK AND begins_with(SK, :doc)',
    ExpressionAttributeValues: { ':PK': `DECK#${deckId.toLowerCase()}`, ':doc': 'DOC#' },
    ConsistentRead: true,
  });
  for (const link of links) {
    try {
      // Only if it still points here: a link outlives a document that was deleted or pointed elsewhere since.
      await retryConflicts(() =>
        dynamo.doc.send(
          new UpdateCommand({
            TableName: dynamo.tables.documents,
            Key: documentKey(userId, link.document_id as string),
            UpdateExpression: 'SET deck_id = :null',
            ConditionExpression: 'deck_id = :deck',
            ExpressionAttributeValues: { ':null': null, ':deck': deckId.toLowerCase() },
          }),
        ),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
  await deleteKeys(
    dynamo,
    dynamo.tables.documents,
    links.map((l) => deckDocumentKey(deckId, l.document_id as string)),
  );
}

export async function deleteDeck(dynamo: Dynamo, userId: string, deckId: string, now = new Date()): Promise<boolean> {
  try {
    await retryConflicts(() =>
      dynamo.doc.send(
        new UpdateCommand({
          TableName: dynamo.tables.decks,
          Key: deckKey(userId, deckId),
          UpdateExpression: 'SET deleting = :now',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':now': iso(now) },
        }),
      ),
    );
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
  await deleteCards(dynamo, deckId);
  await removeDeckStudy(dynamo, userId, deckId);
  await unlinkDocuments(dynamo, userId, deckId);
  await dynamo.doc.send(new DeleteCommand({ TableName: dynamo.tables.decks, Key: deckKey(userId, deckId) }));
  return true;
}
