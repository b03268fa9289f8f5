/**
 * Completion of an outcome too large for one transaction (100 items, 4 MB): up to 1000 cards. Not atomic, so it
 * is made safe step by step:
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
import { cardItem } from './card-items.js';
import { removeCards, writeCards } from './card-writes.js';
import type { Dynamo } from './client.js';
import { failForMissingDeck, finishingWrites, type CompletionArgs } from './completion-writes.js';
import { cardPartition, documentKey } from './keys.js';
import { queryAll } from './query.js';
import { TransactionCancelled, isConditionFailed, retryConflicts, transact } from './transact.js';

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
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'run = :run',
    ExpressionAttributeValues: { ':pk': cardPartition(dead.deck), ':run': dead.run },
    ProjectionExpression: 'pk, sk',
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
