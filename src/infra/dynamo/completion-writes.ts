/** The writes both completion paths share: finishing the document, and failing it for a missing deck. */
import { randomUUID } from 'node:crypto';
import type { GenerationOutcome } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { updateIf } from './conditional-update.js';
import { deckLinkPut } from './document-status.js';
import { documentKey, iso, norm, usagePartition } from './keys.js';
import type { TransactItem } from './transact.js';
import { setFields } from './update-expression.js';

export const DECK_DELETED_MESSAGE = 'The deck was deleted while cards were being generated.';
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
    set: { status: 'failed', error_message: DECK_DELETED_MESSAGE, processed_at: iso(now), updated_at: iso(now) },
    remove: ['unfinished', 'completion_run', 'completion_deck', 'completion_at'],
    // A chunked completion fails the document only while its claim still holds.
    condition: run ? '#status = :processing AND completion_run = :run' : '#status = :processing',
    names: STATUS,
    values: { ':processing': 'processing', ...(run ? { ':run': run } : {}) },
  });
}

/**
 * The writes that finish a completion: the document (only if `condition` holds), the deck link, and one entry in
 * the token ledger (the budget sums the ledger, so regenerating or deleting never hands spent tokens back).
 */
export function finishingWrites(
  dynamo: Dynamo,
  args: CompletionArgs,
  condition: string,
  values: Record<string, unknown> = {},
): TransactItem[] {
  const { userId, documentId, deckId, outcome, now } = args;
  const set = setFields({
    status: 'completed',
    progress: 100,
    deck_id: norm(deckId),
    error_message: null,
    cards_generated: outcome.cards.length,
    cards_rejected: outcome.cards_rejected,
    page_count: outcome.page_count,
    language: outcome.language,
    input_tokens: outcome.input_tokens,
    output_tokens: outcome.output_tokens,
    estimated_cost_usd: outcome.estimated_cost_usd,
    processed_at: iso(now),
    updated_at: iso(now),
  });
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
  const tokens = outcome.input_tokens + outcome.output_tokens;
  const ledger: TransactItem[] =
    tokens > 0
      ? [
          {
            Put: {
              TableName: dynamo.tables.documents,
              Item: {
                pk: usagePartition(userId),
                sk: `${iso(now)}#${norm(documentId)}#${randomUUID()}`,
                document_id: norm(documentId),
                input_tokens: outcome.input_tokens,
                output_tokens: outcome.output_tokens,
                recorded_at: iso(now),
              },
            },
          },
        ]
      : [];
  return [document, deckLinkPut(dynamo, userId, deckId, documentId), ...ledger];
}
