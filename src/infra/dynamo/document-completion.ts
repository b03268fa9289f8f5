/**
 * complete(): store a generation's cards, raise card_count and mark the document completed (the fields the core's
 * completedDocumentFields gives), at most once however often an at-least-once job delivers it.
 *
 * Up to about 95 cards this is ONE TransactWriteItems whose condition `status = processing` on the document makes
 * every later or concurrent delivery write nothing, exactly like the SQL transaction.
 *
 * Larger outcomes (up to 1000 cards) do not fit one transaction (100 items, 4 MB), so they are made safe step by step:
 *   1. claim the document: `completion_run` = a fresh run id, only while it is processing and no live run holds
 *      it. A concurrent delivery finds it claimed and writes nothing (false);
 *   2. write the cards in chunks, each transaction also raising card_count and checking the claim is still ours;
 *      every card carries the run id;
 *   3. one last transaction marks the document completed (still only if the claim is ours) and books the tokens.
 * A run that died between 1 and 3 leaves a claim older than CLAIM_LEASE_MS; the next delivery takes it over and
 * first removes the dead run's cards (found by their run id, card_count lowered with them), so cards are stored
 * once. Readers may see the cards of a run before the document reads completed.
 */
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  assertCardsBelong,
  completedDocumentFields,
  deckDeletedFields,
  isUuid,
  spentTokens,
  type DocumentRepository,
  type GenerationOutcome,
} from '../../core/index.js';
import { cardItem, fitsOneTransaction } from './card-items.js';
import { removeCards, writeCards } from './card-writes.js';
import type { Dynamo } from './client.js';
import { updateIf } from './conditional-update.js';
import { countChange, deckCheck } from './deck-items.js';
import { deckLinkPut } from './document-status.js';
import { cardPartition, documentKey, iso, norm, usagePartition, validIds } from './keys.js';
import { notificationWrites } from './notification-items.js';
import { queryAll, type Item } from './query.js';
import { TransactionCancelled, isConditionFailed, retryConflicts, transact, type TransactItem } from './transact.js';
import { setFields } from './update-expression.js';

const STATUS = { '#status': 'status' };

export interface CompletionArgs {
  userId: string;
  documentId: string;
  deckId: string;
  outcome: GenerationOutcome;
  now: Date;
}

/** Marks a still-processing document failed because its deck is gone (or was never the user's). */
export async function failForMissingDeck(dynamo: Dynamo, { userId, documentId, now }: CompletionArgs, run?: string): Promise<void> {
  await updateIf(dynamo, {
    table: dynamo.tables.documents,
    key: documentKey(userId, documentId),
    set: { ...deckDeletedFields(now), processed_at: iso(now), updated_at: iso(now) },
    remove: ['unfinished', 'completion_run', 'completion_deck', 'completion_at'],
    // A chunked completion fails the document only while its claim still holds.
    condition: run ? '#status = :processing AND completion_run = :run' : '#status = :processing',
    names: STATUS,
    values: { ':processing': 'processing', ...(run ? { ':run': run } : {}) },
  });
}

/**
 * The writes that finish a completion: the document (only if `condition` holds), the deck link, the outcome's
 * notification (with the unread counter), and one entry in the token ledger (the budget sums the ledger, so regenerating or deleting never hands spent tokens back).
 */
export function finishingWrites(
  dynamo: Dynamo,
  args: CompletionArgs,
  condition: string,
  values: Record<string, unknown> = {},
): TransactItem[] {
  const { userId, documentId, deckId, outcome, now } = args;
  const fields = completedDocumentFields(outcome, norm(deckId), outcome.cards.length, now);
  const set = setFields({ ...fields, processed_at: iso(now), updated_at: iso(now) });
  const document: TransactItem = {
    Update: {
      TableName: dynamo.tables.documents,
      Key: documentKey(userId, documentId),
      UpdateExpression: `${set.UpdateExpression} REMOVE unfinished, completion_run, completion_deck, completion_at`,
      ConditionExpression: condition,
      ExpressionAttributeNames: { ...set.ExpressionAttributeNames, ...STATUS },
      ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ':processing': 'processing', ...values },
    },
  };
  const ledger: TransactItem[] = spentTokens(outcome)
    ? [
        {
          Put: {
            TableName: dynamo.tables.documents,
            Item: {
              PK: usagePartition(userId),
              SK: `${iso(now)}#${norm(documentId)}#${randomUUID()}`,
              document_id: norm(documentId),
              input_tokens: outcome.input_tokens,
              output_tokens: outcome.output_tokens,
              recorded_at: iso(now),
            },
          },
        },
      ]
    : [];
  // The notification in the same transaction: stored exactly when the document becomes completed.
  const notice = outcome.notification ? notificationWrites(dynamo, outcome.notification) : [];
  return [document, deckLinkPut(dynamo, userId, deckId, documentId), ...ledger, ...notice];
}

// Step by step, for outcomes too large for one transaction.

/** Longer than any one job may run (a Lambda's 15 minutes): a claim this old belongs to a dead run. */
export const CLAIM_LEASE_MS = 15 * 60 * 1000;

interface DeadRun {
  run: string;
  deck: string;
}

/** Step 1. The dead run it took over, if any; null when the claim was refused. */
async function claim(dynamo: Dynamo, args: CompletionArgs, run: string): Promise<{ dead: DeadRun | null } | null> {
  const wall = Date.now();
  try {
    const { Attributes } = await retryConflicts(() =>
      dynamo.doc.send(
        new UpdateCommand({
          TableName: dynamo.tables.documents,
          Key: documentKey(args.userId, args.documentId),
          UpdateExpression: 'SET completion_run = :run, completion_deck = :deck, completion_at = :wall',
          ConditionExpression: '#status = :processing AND (attribute_not_exists(completion_run) OR completion_at < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':run': run,
            ':deck': args.deckId.toLowerCase(),
            ':wall': wall,
            ':stale': wall - CLAIM_LEASE_MS,
            ':processing': 'processing',
          },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    const dead = Attributes?.completion_run
      ? { run: Attributes.completion_run as string, deck: Attributes.completion_deck as string }
      : null;
    return { dead };
  } catch (error) {
    if (isConditionFailed(error)) return null;
    throw error;
  }
}

/** Removes the cards a dead run left, lowering card_count with them. */
async function removeDeadRun(dynamo: Dynamo, userId: string, dead: DeadRun): Promise<void> {
  const leftovers = await queryAll(dynamo, {
    TableName: dynamo.tables.flashcards,
    KeyConditionExpression: 'PK = :PK',
    FilterExpression: 'run = :run',
    ExpressionAttributeValues: { ':PK': cardPartition(dead.deck), ':run': dead.run },
    ProjectionExpression: 'PK, SK',
    ConsistentRead: true,
  });
  await removeCards(dynamo, userId, dead.deck, leftovers);
}

export async function completeInChunks(dynamo: Dynamo, args: CompletionArgs): Promise<boolean> {
  const run = randomUUID();
  const claimed = await claim(dynamo, args, run);
  if (!claimed) return false; // completed, failed, missing, or another delivery is at it
  if (claimed.dead) await removeDeadRun(dynamo, args.userId, claimed.dead);

  const ours = '#status = :processing AND completion_run = :run';
  const guard = {
    ConditionCheck: {
      TableName: dynamo.tables.documents,
      Key: documentKey(args.userId, args.documentId),
      ConditionExpression: ours,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':processing': 'processing', ':run': run },
    },
  };
  const cards = args.outcome.cards.map((card) => cardItem(card, run));
  const written = await writeCards(dynamo, args.userId, args.deckId, cards, guard);
  if (written === 'deck_missing') {
    await failForMissingDeck(dynamo, args, run);
    return false;
  }
  if (written === 'guard_failed') return false; // taken over or failed meanwhile; our cards are removed

  try {
    await transact(dynamo, finishingWrites(dynamo, args, ours, { ':run': run }));
    return true;
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    await removeCards(dynamo, args.userId, args.deckId, cards);
    return false;
  }
}

async function completeAtOnce(dynamo: Dynamo, args: CompletionArgs, cards: Item[]): Promise<boolean> {
  const { userId, deckId } = args;
  const deck = cards.length > 0 ? countChange(dynamo, userId, deckId, cards.length) : deckCheck(dynamo, userId, deckId);
  const puts = cards.map((Item) => ({
    Put: { TableName: dynamo.tables.flashcards, Item, ConditionExpression: 'attribute_not_exists(PK)' },
  }));
  try {
    await transact(dynamo, [deck, ...finishingWrites(dynamo, args, '#status = :processing'), ...puts]);
    return true;
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    if (error.failed(1)) return false; // completed by another delivery, failed, missing or not the user's
    if (error.failed(0)) {
      await failForMissingDeck(dynamo, args);
      return false;
    }
    throw error;
  }
}

export function completeDocument(dynamo: Dynamo): DocumentRepository['complete'] {
  return async (userId, documentId, deckId, outcome, now) => {
    assertCardsBelong(userId, deckId, outcome.cards);
    if (!validIds(userId, documentId)) return false;
    const args = { userId, documentId, deckId, outcome, now };
    if (!isUuid(deckId)) {
      await failForMissingDeck(dynamo, args);
      return false;
    }
    const cards = outcome.cards.map((card) => cardItem(card));
    // Reserved beside the cards: the deck, the document, the deck link, the ledger entry, and the notification
    // with its counter and dedupe marker.
    if (fitsOneTransaction(cards, 7)) return completeAtOnce(dynamo, args, cards);
    return completeInChunks(dynamo, args);
  };
}
