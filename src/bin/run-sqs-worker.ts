import type { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsConsumer } from '../adapters/lambda/sqs-consumer.js';
import type { JobHandler, QueueLogger } from '../infra/queue/queue-types.js';
import { startSqsPoller, type SqsPoller } from '../infra/queue/sqs-poller.js';
import { sqsClient } from '../wiring/aws-ports.js';
import type { AwsLocation } from '../config/index.js';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, type RunningWorker } from './run-worker.js';
import { stopOnSignals } from './stop-signals.js';

export interface RunSqsWorkerOptions {
  location: AwsLocation;
  queueUrl: string;
  handler: JobHandler;
  logger: QueueLogger;
  /** The process's client by default; tests pass one with fixed credentials. */
  client?: SQSClient;
  concurrency?: number;
  /** Long polling wait (default 20 s); tests shorten it so a stop does not wait for an idle poll. */
  waitTimeSeconds?: number;
  handleSignals?: boolean;
  shutdownTimeoutMs?: number;
  exit?: (code: number) => void;
}

/**
 * The `opendeck worker` process on SQS_QUEUE_URL: the Lambda consumer's rules (src/adapters/lambda/sqs-consumer.ts:
 * one document's messages in order, partial failures, a provider outage's retry delay, the dead-letter queue after
 * the redrive policy's receives) on messages this process long-polls itself, so the AWS mode runs on containers
 * (ECS/Fargate) and locally too.
 */
export async function runSqsWorker(options: RunSqsWorkerOptions): Promise<RunningWorker> {
  const { logger } = options;
  const concurrency = options.concurrency ?? 1;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  let poller: SqsPoller | undefined;
  const consume = createSqsConsumer({
    runJob: options.handler,
    logger,
    redeliverAfter: (record, seconds) => poller!.redeliverAfter(record.receiptHandle, seconds),
  });
  poller = await startSqsPoller({
    client: options.client ?? sqsClient(options.location),
    queueUrl: options.queueUrl,
    region: options.location.region,
    consume,
    logger,
    concurrency,
    waitTimeSeconds: options.waitTimeSeconds,
  });
  logger.info({ queue: options.queueUrl, concurrency }, 'worker started');

  let stopping: Promise<boolean> | undefined;
  const stop = (reason = 'stop requested'): Promise<boolean> => {
    stopping ??= (async () => {
      logger.info({ reason, timeoutMs: shutdownTimeoutMs }, 'worker stopping: finishing running jobs');
      const clean = await poller!.stop(shutdownTimeoutMs);
      if (clean) logger.info({}, 'worker stopped');
      // Their messages become visible again when the visibility timeout ends; another worker reruns them (idempotent).
      else logger.error({ timeoutMs: shutdownTimeoutMs }, 'worker stop timed out: abandoning running jobs to be rerun elsewhere');
      return clean;
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) stopOnSignals({ stop, logger, exit: options.exit });
  return { stop };
}
