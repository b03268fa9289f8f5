import { randomUUID } from 'node:crypto';
import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CoreError, type GenerateCardsJob } from '../../core/index.js';
import { silentLogger, type ObservableJobQueue, type QueueCounts, type QueueLogger } from './queue-types.js';

export interface SqsJobQueueOptions {
  client: SQSClient;
  queueUrl: string;
  logger?: QueueLogger;
}

/** Same shape as the BullMQ queue's: `requestId` names one generation request, when the caller has one. */
export type QueuedGeneration = GenerateCardsJob & { requestId?: string };

export const isFifoQueue = (queueUrl: string): boolean => queueUrl.endsWith('.fifo');

/** The message body: the job's ids and nothing else (never document text), as JSON. */
export const jobMessageBody = (job: GenerateCardsJob): string => JSON.stringify({ documentId: job.documentId, userId: job.userId });

/** A received message comes back after `seconds` (SQS allows at most 12 hours). */
export async function changeVisibility(client: SQSClient, queueUrl: string, receiptHandle: string, seconds: number): Promise<void> {
  await client.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: Math.min(43_200, Math.ceil(seconds)),
    }),
  );
}

/**
 * Generation jobs on Amazon SQS, consumed by the Lambda in src/bin/lambda-sqs.ts or by
 * `opendeck worker` (src/bin/run-sqs-worker.ts, through sqs-poller.ts).
 *
 * The deployment uses a FIFO queue (infra/terraform), with the document id as message group: SQS then hands
 * out at most one message of a document at a time, so two runs of one document never race (no double model
 * spend), which is what the BullMQ and in-process queues promise too; documents are separate groups and run
 * in parallel. The deduplication id names one request (a retried send of it within SQS's 5-minute window is
 * dropped), not the document, so a later re-generation is never swallowed. A standard queue works as well
 * (the URL decides): delivery stays at-least-once and processDocument is idempotent; only the per-document
 * serialisation is lost.
 */
export class SqsJobQueue implements ObservableJobQueue {
  private readonly logger: QueueLogger;
  private readonly fifo: boolean;

  constructor(private readonly options: SqsJobQueueOptions) {
    this.logger = options.logger ?? silentLogger;
    this.fifo = isFifoQueue(options.queueUrl);
  }

  async enqueue(job: QueuedGeneration): Promise<void> {
    const fifo = this.fifo
      ? { MessageGroupId: job.documentId, MessageDeduplicationId: `${job.documentId}-${job.requestId ?? randomUUID()}`.slice(0, 128) }
      : {};
    try {
      await this.options.client.send(
        new SendMessageCommand({ QueueUrl: this.options.queueUrl, MessageBody: jobMessageBody(job), ...fifo }),
      );
    } catch (error) {
      this.logger.error({ documentId: job.documentId, error: (error as Error).name }, 'could not queue a job');
      throw new CoreError('unavailable', 'Background processing is unavailable right now. Try again in a minute.');
    }
  }

  /**
   * A received message comes back after `seconds` instead of the visibility timeout: how a run that found the AI
   * provider down waits (outage-retry.ts). Each wait is one more receive, so the redrive policy's
   * maxReceiveCount must exceed the outage retries (infra/terraform: max_receive_count).
   */
  async redeliverAfter(receiptHandle: string, seconds: number): Promise<void> {
    await changeVisibility(this.options.client, this.options.queueUrl, receiptHandle, seconds);
  }

  /** Approximate, as SQS reports them; failed jobs live in the dead-letter queue (see its CloudWatch alarm). */
  async counts(): Promise<QueueCounts> {
    const reply = await this.options.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.options.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    const n = (name: string) => Number(reply.Attributes?.[name as keyof typeof reply.Attributes] ?? 0);
    return {
      waiting: n('ApproximateNumberOfMessages'),
      active: n('ApproximateNumberOfMessagesNotVisible'),
      delayed: n('ApproximateNumberOfMessagesDelayed'),
      failed: 0,
    };
  }

  /** The client belongs to the process (created once per Lambda cold start), so there is nothing to close here. */
  async close(): Promise<void> {}
}
