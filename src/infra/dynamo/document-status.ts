/**
 * The document's status machine: uploaded -> pending -> processing -> completed | failed, and back to pending.
 * Each step is one conditional write on the document item. `unfinished` (the sparse index recovery reads) is
 * set while a generation is pending or processing and removed when it ends.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { isUuid, type DocumentRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { updateIf } from './conditional-update.js';
import { deckCheck } from './deck-items.js';
import { notificationWrites } from './notification-items.js';
import { toDocument } from './document-items.js';
import { UNFINISHED, deckDocumentKey, documentKey, iso, norm, validIds } from './keys.js';
import { TransactionCancelled, transact } from './transact.js';
import { setFields } from './update-expression.js';

type StatusMethods = Pick<DocumentRepository, 'markPending' | 'markProcessing' | 'setProgress' | 'markFailed' | 'markWaiting'>;

const STATUS = { '#status': 'status' };
const UNFINISHED_VALUES = { ':pending': 'pending', ':processing': 'processing' };

/** A whole percentage in 0..100, whatever a caller passes. */
const percent = (value: number): number => Math.max(0, Math.min(100, Math.floor(value)));

/** The item that lets a deck deletion find the documents pointing at the deck. */
export const deckLinkPut = (dynamo: Dynamo, userId: string, deckId: string, documentId: string) => ({
  Put: {
    TableName: dynamo.tables.documents,
    Item: { ...deckDocumentKey(deckId, documentId), user_id: norm(userId), document_id: norm(documentId) },
  },
});

export function createDocumentStatusMethods(dynamo: Dynamo): StatusMethods {
  const table = dynamo.tables.documents;

  return {
    async markPending(userId, documentId, options, now) {
      if (!validIds(userId, documentId)) return null;
      const key = documentKey(userId, documentId);
      const queued = {
        status: 'pending',
        progress: 0,
        generation: options,
        error_message: null,
        status_detail: null,
        updated_at: iso(now),
        unfinished: UNFINISHED,
      };
      const condition = 'attribute_exists(PK) AND NOT (#status IN (:pending, :processing))';
      if (isUuid(options.deck_id)) {
        const deckId = norm(options.deck_id);
        const set = setFields({ ...queued, deck_id: deckId });
        try {
          // Only a live deck of the user's own counts, checked in the same transaction that points the
          // document at it and writes the link a deck deletion follows: a racing deletion either sees the
          // link or makes this transaction fail.
          await transact(dynamo, [
            deckCheck(dynamo, userId, deckId),
            {
              Update: {
                TableName: table,
                Key: key,
                ...set,
                ConditionExpression: condition,
                ExpressionAttributeNames: { ...set.ExpressionAttributeNames, ...STATUS },
                ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ...UNFINISHED_VALUES },
              },
            },
            deckLinkPut(dynamo, userId, deckId, documentId),
          ]);
          const { Item } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
          return Item ? toDocument(Item) : null;
        } catch (error) {
          if (!(error instanceof TransactionCancelled) || !(error.failed(0) || error.failed(1))) throw error;
          if (error.failed(1)) return null;
          // Not a live deck of this user: queue without a deck, and the job then fails as for a deleted deck.
        }
      }
      const item = await updateIf(dynamo, {
        table,
        key,
        set: { ...queued, deck_id: null },
        condition,
        names: STATUS,
        values: UNFINISHED_VALUES,
      });
      return item ? toDocument(item) : null;
    },
    async markProcessing(userId, documentId, now) {
      if (!validIds(userId, documentId)) return null;
      // From processing too: a redelivered job after a crash picks the work up again.
      const item = await updateIf(dynamo, {
        table,
        key: documentKey(userId, documentId),
        set: { status: 'processing', status_detail: null, updated_at: iso(now) },
        condition: '#status IN (:pending, :processing)',
        names: STATUS,
        values: UNFINISHED_VALUES,
      });
      return item ? toDocument(item) : null;
    },
    async setProgress(userId, documentId, progress, now) {
      if (!validIds(userId, documentId)) return;
      // Only forward: a late write from a slower chunk must not move the bar back.
      await updateIf(dynamo, {
        table,
        key: documentKey(userId, documentId),
        set: { progress: percent(progress), updated_at: iso(now) },
        condition: '#status = :processing AND #progress < :value',
        names: { ...STATUS, '#progress': 'progress' },
        values: { ':processing': 'processing', ':value': percent(progress) },
      });
    },
    async markFailed(userId, documentId, message, now, notification, facts = {}) {
      if (!validIds(userId, documentId)) return false;
      const key = documentKey(userId, documentId);
      const failed = {
        ...facts,
        status: 'failed',
        error_message: message,
        status_detail: null,
        processed_at: iso(now),
        updated_at: iso(now),
      };
      const set = setFields(failed);
      try {
        // Ending a run: the document and its notification in one transaction, only while it is pending or
        // processing, so a duplicate delivery's second failure stores no second notification.
        await transact(dynamo, [
          {
            Update: {
              TableName: table,
              Key: key,
              UpdateExpression: `${set.UpdateExpression} REMOVE unfinished`,
              ConditionExpression: '#status IN (:pending, :processing)',
              ExpressionAttributeNames: { ...set.ExpressionAttributeNames, ...STATUS },
              ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ...UNFINISHED_VALUES },
            },
          },
          ...(notification ? notificationWrites(dynamo, notification) : []),
        ]);
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCancelled && error.failed(0))) throw error;
      }
      // No run to end (uploaded, already failed): the message is still recorded, but never over a completion,
      // whose cards a late duplicate delivery's failure must not hide.
      await updateIf(dynamo, {
        table,
        key,
        set: failed,
        remove: ['unfinished'],
        condition: 'attribute_exists(PK) AND #status <> :completed',
        names: STATUS,
        values: { ':completed': 'completed' },
      });
      return false;
    },
    async markWaiting(userId, documentId, detail, now) {
      if (!validIds(userId, documentId)) return;
      await updateIf(dynamo, {
        table,
        key: documentKey(userId, documentId),
        set: { status_detail: detail, updated_at: iso(now) },
        condition: '#status = :processing',
        names: STATUS,
        values: { ':processing': 'processing' },
      });
    },
  };
}
