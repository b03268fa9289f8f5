/**
 * Transactions and conditional writes. DynamoDB cancels a transaction that touches an item another
 * transaction is using (TransactionConflict) instead of waiting like a row lock; such losers are retried here,
 * so callers see only the outcome that matters: which condition failed.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Dynamo } from './client.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The cancellation reason of each item, in order ('None' for items that were fine). */
export class TransactionCancelled extends Error {
  constructor(readonly reasons: string[]) {
    super(`Transaction cancelled: ${reasons.join(', ')}`);
    this.name = 'TransactionCancelled';
  }
  failed(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
}

const ATTEMPTS = 12;
const RETRYABLE = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 10 * 2 ** attempt)));

const errorName = (error: unknown): string | undefined => (error as { name?: string } | null)?.name;

/** True for DynamoDB's "the conditional request failed" on a single-item write. */
export const isConditionFailed = (error: unknown): boolean => errorName(error) === 'ConditionalCheckFailedException';

/**
 * Runs fn again while DynamoDB answers that the item is in another transaction: a plain write to such an item
 * is refused rather than queued.
 */
export async function retryConflicts<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (errorName(error) !== 'TransactionConflictException' || attempt >= ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
}

/** One TransactWriteItems; throws TransactionCancelled when a condition failed (after retrying conflicts). */
export async function transact(dynamo: Dynamo, items: TransactItem[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await retryConflicts(() => dynamo.doc.send(new TransactWriteCommand({ TransactItems: items })));
      return;
    } catch (error) {
      if (errorName(error) !== 'TransactionCanceledException') throw error;
      const reasons = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      // Lost a race or throttled: nothing was written and nothing was refused, so the same writes are retried.
      const transient = reasons.every((r) => r === 'None' || RETRYABLE.has(r)) && reasons.some((r) => RETRYABLE.has(r));
      if (!transient || attempt >= ATTEMPTS) throw new TransactionCancelled(reasons);
      await backoff(attempt);
    }
  }
}
