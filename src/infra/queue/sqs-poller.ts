/**
 * Takes messages from an SQS queue in a long-running process (`opendeck worker` with SQS_QUEUE_URL, e.g. on
 * ECS/Fargate or a laptop), doing what Lambda's event source mapping does for the SQS function: long polling,
 * batches of up to 10, the batch handed to the same consumer as the Lambda (its partial-failure reply decides
 * which messages are deleted), and failed messages left for SQS to redeliver, until the redrive policy moves
 * them to the dead-letter queue. Unlike the event source mapping it also keeps a running job's messages
 * invisible (ChangeMessageVisibility every third of the visibility timeout), so a job may outlast the timeout
 * without a second worker starting it too.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueLogger } from './queue-types.js';
import { changeVisibility } from './sqs-job-queue.js';

/** A received message in the shape Lambda's SQS event gives it, so one consumer serves both. */
export interface PolledRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string | undefined>;
  messageAttributes: Record<string, unknown>;
  md5OfBody: string;
  eventSource: string;
  eventSourceARN: string;
  awsRegion: string;
}

export type BatchConsumer = (event: { Records: PolledRecord[] }) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

export interface SqsPollerOptions {
  client: SQSClient;
  queueUrl: string;
  region: string;
  consume: BatchConsumer;
  logger: QueueLogger;
  /** Messages running at once (WORKER_CONCURRENCY). */
  concurrency: number;
  /** Long polling wait, 0..20 s (default 20, SQS's longest). */
  waitTimeSeconds?: number;
}

export interface SqsPoller {
  /** Leaves a message invisible for `seconds` and stops extending it: how a run asks to be retried later. */
  redeliverAfter(receiptHandle: string, seconds: number): Promise<void>;
  /**
   * Stops receiving (cutting the long poll short, so a stop is quick) and waits for running batches; false when
   * `timeoutMs` passed first. Messages of unfinished batches, and any SQS handed to the poll cut short, come back
   * after their visibility timeout.
   */
  stop(timeoutMs: number): Promise<boolean>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The queue's ARN (for the records' eventSourceARN) and visibility timeout, read once at start. */
async function queueFacts(client: SQSClient, queueUrl: string): Promise<{ arn: string; visibilitySeconds: number }> {
  const reply = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn', 'VisibilityTimeout'] }));
  return { arn: reply.Attributes?.QueueArn ?? queueUrl, visibilitySeconds: Number(reply.Attributes?.VisibilityTimeout ?? 30) || 30 };
}

const toRecord = (m: Message, arn: string, region: string): PolledRecord => ({
  messageId: m.MessageId!,
  receiptHandle: m.ReceiptHandle!,
  body: m.Body ?? '',
  attributes: { ...m.Attributes },
  messageAttributes: { ...m.MessageAttributes },
  md5OfBody: m.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: arn,
  awsRegion: region,
});

export async function startSqsPoller(options: SqsPollerOptions): Promise<SqsPoller> {
  const { client, queueUrl, logger } = options;
  const { arn, visibilitySeconds } = await queueFacts(client, queueUrl);
  const concurrency = Math.max(1, options.concurrency);
  /** Receipt handles of running messages, whose visibility is extended. */
  const running = new Map<string, string>();
  const batches = new Set<Promise<void>>();
  const abort = new AbortController();
  let stopping = false;
  let slotFreed: () => void = () => undefined;

  const extend = async () => {
    const entries = [...running].map(([ReceiptHandle, id]) => ({ Id: id, ReceiptHandle, VisibilityTimeout: visibilitySeconds }));
    for (const Entries of chunks(entries, 10)) {
      await client
        .send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries }))
        .catch((e: Error) => logger.warn({ error: e.name }, 'could not extend the visibility of running jobs'));
    }
  };
  const extender = setInterval(() => void extend(), Math.max(1000, (visibilitySeconds * 1000) / 3));

  async function runBatch(messages: Message[]): Promise<void> {
    const records = messages.map((m) => toRecord(m, arn, options.region));
    for (const r of records) running.set(r.receiptHandle, r.messageId);
    try {
      const { batchItemFailures } = await options.consume({ Records: records });
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
      const done = records.filter((r) => !failed.has(r.messageId));
      for (const r of records) running.delete(r.receiptHandle);
      for (const Entries of chunks(done, 10)) {
        const entries = Entries.map((r) => ({ Id: r.messageId, ReceiptHandle: r.receiptHandle }));
        // A message not deleted runs again after its timeout; runs are idempotent, so that costs time, not data.
        await client
          .send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }))
          .catch((e: Error) => logger.error({ error: e.name }, 'could not delete finished messages: they will run again'));
      }
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'a batch failed as a whole: SQS redelivers its messages');
    } finally {
      for (const r of records) running.delete(r.receiptHandle);
    }
  }

  const inFlight = () => running.size;
  async function poll(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      if (inFlight() >= concurrency) {
        await new Promise<void>((resolve) => (slotFreed = resolve));
        continue;
      }
      let messages: Message[];
      try {
        const reply = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, concurrency - inFlight()),
            WaitTimeSeconds: options.waitTimeSeconds ?? 20,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = reply.Messages ?? [];
        failures = 0;
      } catch (error) {
        if (stopping) return;
        failures += 1;
        logger.warn({ error: (error as Error).name, failures }, 'could not receive from SQS: trying again');
        await sleep(Math.min(20_000, 500 * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (messages.length === 0) continue;
      const batch = runBatch(messages).finally(() => {
        batches.delete(batch);
        slotFreed();
      });
      batches.add(batch);
    }
  }
  const polling = poll();

  return {
    async redeliverAfter(receiptHandle, seconds) {
      running.delete(receiptHandle);
      await changeVisibility(client, queueUrl, receiptHandle, seconds);
    },
    async stop(timeoutMs) {
      stopping = true;
      abort.abort();
      slotFreed();
      await polling;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const finished = await Promise.race([Promise.all(batches).then(() => true as const), timedOut]);
      clearTimeout(timer);
      clearInterval(extender);
      return finished;
    },
  };
}
