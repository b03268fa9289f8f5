/**
 * Metrics and traces wired in by decoration: repositories (database spans), the generator registry (model
 * calls, tokens, cost), the extractor (pages) and the job runner. The core is not touched. Tracing
 * decorators are added only when tracing is on, so without a collector nothing but the counters runs.
 */
import type { Tracer } from '@opentelemetry/api';
import type { Config } from '../config/index.js';
import type { GenerateCardsJob, JobRunInfo, Ports } from '../core/index.js';
import { instrumentGenerators, type UsageLog } from '../infra/observability/instrument-generators.js';
import type { Logger } from '../infra/logging/logger.js';
import { instrumentExtractor, instrumentJob } from '../infra/observability/instrument-jobs.js';
import { Metrics, type QueueCounts } from '../infra/observability/metrics.js';
import { traceRepositories } from '../infra/observability/trace-repositories.js';
import { activeTracer, startTracing, stopTracing, tracingSettled } from '../infra/observability/tracing.js';
import { VERSION } from '../version.js';

export interface Observability {
  metrics: Metrics;
  /** Null when tracing is off. */
  tracer: Tracer | null;
  traceRepositories<T extends object>(repositories: T, system: string): T;
  instrumentDocumentPorts<T extends Pick<Ports, 'generators' | 'extractor'> & { queue: { counts(): Promise<QueueCounts> } }>(ports: T): T;
  instrumentJob<R>(run: (job: GenerateCardsJob, info: JobRunInfo) => Promise<R>): (job: GenerateCardsJob, info: JobRunInfo) => Promise<R>;
  /** Flushes and stops tracing if this instance started it. */
  close(): Promise<void>;
}

/**
 * Starts tracing when a collector is configured (loading the SDK, hence async) and resolves true if this call
 * started it, i.e. its owner must stop it. Run before createObservability, which stays synchronous.
 */
export async function startConfiguredTracing(config: Pick<Config, 'observability'>): Promise<boolean> {
  const { otlpEndpoint, otlpHeaders, serviceName, propagators } = config.observability;
  // Already started or starting (by a test with an in-memory exporter, or another service in this process): reuse it.
  await tracingSettled();
  if (activeTracer()) return false;
  return startTracing({ serviceName, version: VERSION, endpoint: otlpEndpoint, headers: otlpHeaders, propagators });
}

/** `ownsTracing`: what startConfiguredTracing resolved; close() then stops tracing. `logger` gets the 'model usage' lines. */
export function createObservability(_config: Pick<Config, 'observability'>, ownsTracing = false, logger?: Logger): Observability {
  const tracer = activeTracer();
  const usageLog = logger ? (fields: Parameters<UsageLog>[0]) => logger.info(fields, 'model usage') : undefined;
  const metrics = new Metrics();
  return {
    metrics,
    tracer,
    traceRepositories: (repositories, system) => (tracer ? traceRepositories(repositories, tracer, system) : repositories),
    instrumentDocumentPorts(ports) {
      metrics.watchQueue(ports.queue);
      return {
        ...ports,
        generators: instrumentGenerators(ports.generators, metrics, tracer, usageLog),
        extractor: instrumentExtractor(ports.extractor, metrics, tracer),
      };
    },
    instrumentJob: (run) => instrumentJob(run, metrics, tracer),
    close: async () => {
      if (ownsTracing) await stopTracing();
    },
  };
}
