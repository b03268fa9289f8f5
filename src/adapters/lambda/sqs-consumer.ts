/**
 * The SQS event source's contract, kept apart from the Lambda entry so it can be tested with any job runner.
 * Records are SQS's Lambda event records (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html); the
 * reply lists the records to retry (`batchItemFailures`; the event source mapping needs
 * FunctionResponseTypes = ["ReportBatchItemFailures"], set in infra/terraform), so one bad document does not
 * make SQS redeliver the batch's good ones. After maxReceiveCount failed receives SQS moves a message to the
 * dead-letter queue (redrive policy in Terraform).
 */
import {
  retryAfterSecondsOf,
  withJobLogging,
  type GenerateCardsJob,
  type JobHandler,
  type Logger as QueueLogger,
} from '../../core/index.js';

export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: { ApproximateReceiveCount?: string; MessageGroupId?: string; [name: string]: string | undefined };
  messageAttributes: Record<string, unknown>;
  md5OfBody: string;
  eventSource: string;
  eventSourceARN: string;
  awsRegion: string;
}

export interface SqsEvent {
  Records: SqsRecord[];
}

export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The job in a message body, or null when the body is not one (a foreign or damaged message). */
export function parseJob(body: string): GenerateCardsJob | null {
  try {
    const value = JSON.parse(body) as Partial<GenerateCardsJob>;
    if (typeof value?.documentId !== 'string' || typeof value.userId !== 'string') return null;
    if (!UUID.test(value.documentId) || !UUID.test(value.userId)) return null;
    return { documentId: value.documentId, userId: value.userId };
  } catch {
    return null;
  }
}

/**
 * Runs a batch. Records of one message group (one document on the FIFO queue) run one after another in
 * the order SQS gave them, and once one fails the group's later records are reported failed unrun: FIFO
 * order would otherwise break, and a later run must not overtake a retried earlier one. Groups run in
 * parallel. A body that is no job is reported failed too, so it ends in the dead-letter queue, whose alarm
 * shows it to an operator, instead of vanishing.
 */
export interface SqsConsumerOptions {
  runJob: JobHandler;
  logger: QueueLogger;
  /** Makes a failed record come back after `seconds` (ChangeMessageVisibility) when its run asked to wait. */
  redeliverAfter?: (record: SqsRecord, seconds: number) => Promise<void>;
}

export function createSqsConsumer(options: SqsConsumerOptions): (event: SqsEvent) => Promise<SqsBatchResponse> {
  const run = withJobLogging(options.runJob, options.logger);
  return async (event) => {
    const groups = new Map<string, SqsRecord[]>();
    for (const record of event.Records) {
      const key = record.attributes.MessageGroupId ?? record.messageId;
      groups.set(key, [...(groups.get(key) ?? []), record]);
    }
    const failed: string[] = [];
    await Promise.all(
      [...groups.values()].map(async (records) => {
        for (const [i, record] of records.entries()) {
          if (!(await runRecord(record, run, options))) {
            failed.push(...records.slice(i).map((r) => r.messageId));
            return;
          }
        }
      }),
    );
    // In the event's order, which is how AWS documents the reply.
    const order = new Map(event.Records.map((r, i) => [r.messageId, i]));
    failed.sort((a, b) => order.get(a)! - order.get(b)!);
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

async function runRecord(record: SqsRecord, run: JobHandler, { logger, redeliverAfter }: SqsConsumerOptions): Promise<boolean> {
  const job = parseJob(record.body);
  if (!job) {
    logger.error({ messageId: record.messageId }, 'message is not a generation job: left to the dead-letter queue');
    return false;
  }
  try {
    // A CoreError outcome ('failed': the document is marked failed for its owner) is done, not retried.
    const attempt = Number(record.attributes.ApproximateReceiveCount ?? '1') || 1;
    await run(job, { attempt });
    return true;
  } catch (error) {
    // Logged by withJobLogging; SQS redelivers it after the visibility timeout, or sooner when the run asked.
    const delay = retryAfterSecondsOf(error);
    if (delay !== null && redeliverAfter) {
      await redeliverAfter(record, delay).catch((e: unknown) =>
        logger.warn({ messageId: record.messageId, error: (e as Error).name }, 'could not shorten the wait'),
      );
    }
    return false;
  }
}
