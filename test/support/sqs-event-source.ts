/**
 * What Lambda's SQS event source mapping does, for tests against fauxqs: long-poll the queue, hand each batch to
 * the SQS consumer as an SQS event, delete the records the reply does not list as failed, and leave the failed
 * ones to come back after the queue's visibility timeout. Batches run side by side (as Lambda's concurrent
 * invocations do), so ordering within a document comes from SQS's FIFO message groups, not from this loop.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createSqsConsumer } from '../../src/adapters/lambda/sqs-consumer.js';
import type { JobHandler } from '../../src/core/index.js';
import { silentLogger } from '../../src/infra/queue/queue-types.js';
import { sqsEvent } from './lambda/events.js';

export interface SqsEventSource {
  /** Stops polling and waits for the batches under way. */
  stop(): Promise<void>;
}

export function startSqsEventSource(options: { sqs: SQSClient; queueUrl: string; queueArn: string; handler: JobHandler }): SqsEventSource {
  const consume = createSqsConsumer({ runJob: options.handler, logger: silentLogger });
  const batches = new Set<Promise<void>>();
  let stopped = false;

  const runBatch = async (messages: NonNullable<Awaited<ReturnType<typeof receive>>>) => {
    const reply = await consume(sqsEvent(messages, options.queueArn));
    const failed = new Set(reply.batchItemFailures.map((f) => f.itemIdentifier));
    for (const message of messages) {
      if (failed.has(message.MessageId!)) continue;
      await options.sqs.send(new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle! }));
    }
  };

  const receive = async () =>
    (
      await options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: 10,
          MessageSystemAttributeNames: ['All'],
          WaitTimeSeconds: 0,
        }),
      )
    ).Messages;

  const loop = (async () => {
    while (!stopped) {
      const messages = await receive().catch(() => undefined);
      if (!messages?.length) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const batch = runBatch(messages).catch(() => undefined);
      batches.add(batch);
      void batch.finally(() => batches.delete(batch));
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      await Promise.all(batches);
    },
  };
}
