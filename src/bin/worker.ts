import type { Config } from '../config/index.js';
import { failAbandonedDocument } from '../core/index.js';
import type { Logger } from '../infra/logging/logger.js';
import { CliError, EX_CONFIG } from '../adapters/cli/exit-codes.js';
import { buildServices } from '../main.js';
import { startHeartbeat, type Heartbeat } from '../adapters/worker/heartbeat.js';
import { startMetricsListener, type MetricsListener } from '../adapters/worker/metrics-listener.js';
import { runSqsWorker } from './run-sqs-worker.js';
import { runWorker } from './run-worker.js';

const GAVE_UP = 'Generating cards failed repeatedly, so it was stopped. Try again later; if it keeps failing, the file may be damaged.';

/** `opendeck worker`: takes generation jobs from BullMQ (REDIS_URL) or SQS (SQS_QUEUE_URL); scale these apart from the API. */
export async function runWorkerProcess(config: Config, logger: Logger): Promise<void> {
  const { jobs } = config;
  if (jobs.backend === 'in-process') {
    throw new CliError(
      'opendeck worker needs REDIS_URL or SQS_QUEUE_URL: without either, the API process runs generation jobs itself.',
      EX_CONFIG,
    );
  }
  const services = await buildServices(config, logger);
  const { ports } = services;
  let heartbeat: Heartbeat | undefined;
  let metrics: MetricsListener | undefined;
  const exit = (code: number) => {
    heartbeat?.stop();
    void Promise.resolve(metrics?.close())
      .then(() => services.close())
      .finally(() => process.exit(code));
  };
  if (jobs.backend === 'sqs') {
    // SQS's redrive policy moves a message that keeps failing to the dead-letter queue (see the Lambda consumer).
    await runSqsWorker({
      location: jobs,
      queueUrl: jobs.queueUrl,
      handler: services.runJob,
      logger,
      concurrency: config.workerConcurrency,
      exit,
    });
  } else {
    await runWorker({
      redisUrl: jobs.redisUrl,
      handler: services.runJob,
      logger,
      concurrency: config.workerConcurrency,
      prefix: jobs.prefix,
      // Stalled checks three times per lock period: a crashed worker's job is rerun within about 1.7 locks.
      // Whole milliseconds: BullMQ hands these to a Lua script that refuses fractions.
      timing: {
        lockDurationMs: jobs.lockTimeoutSeconds * 1000,
        stalledIntervalMs: Math.max(1000, Math.round((jobs.lockTimeoutSeconds * 1000) / 3)),
      },
      // BullMQ stopped retrying (e.g. the job crashed its worker too often): the document must not stay "processing",
      // and its owner is told as for any failure.
      onGiveUp: (job) =>
        failAbandonedDocument({ ctx: { userId: job.userId, requestId: `job-${job.documentId}`, ports }, input: { job, message: GAVE_UP } }),
      exit,
    });
  }
  // For container healthchecks: a worker has no HTTP port to probe.
  heartbeat = startHeartbeat();
  const { workerMetricsPort, metricsToken } = config.observability;
  if (workerMetricsPort !== undefined) {
    metrics = await startMetricsListener({
      metrics: services.observability.metrics,
      host: config.host,
      port: workerMetricsPort,
      token: metricsToken,
    });
    logger.info({ url: `http://${config.host}:${metrics.port}/metrics` }, 'worker metrics listening');
  }
}
