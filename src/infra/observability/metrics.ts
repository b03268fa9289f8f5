/**
 * Prometheus metrics (prom-client). One registry per service instance rather than prom-client's global one,
 * so two services built in one process (tests, the CLI) never clash over metric names.
 * Labels are bounded sets only: route templates, statuses, outcomes, providers and models, never ids or paths.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

// Seconds: requests are mostly milliseconds; jobs and model calls run for seconds to minutes.
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SLOW_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];

export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'opendeck_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'opendeck_job_duration_seconds',
    help: 'Generation jobs by outcome (completed, failed, skipped, error).',
    labelNames: ['outcome'] as const,
    buckets: SLOW_BUCKETS,
    registers: [this.registry],
  });
  readonly pagesExtracted = new Counter({
    name: 'opendeck_pages_extracted_total',
    help: 'Pages of text extracted from documents, by format.',
    labelNames: ['format'] as const,
    registers: [this.registry],
  });
  readonly modelCalls = new Histogram({
    name: 'opendeck_model_call_duration_seconds',
    help: 'Card generator (model) calls by provider, model and outcome (ok or the error code).',
    labelNames: ['provider', 'model', 'outcome'] as const,
    buckets: SLOW_BUCKETS,
    registers: [this.registry],
  });
  readonly tokens = new Counter({
    name: 'opendeck_model_tokens_total',
    help: 'Tokens used by model calls, by provider, model and direction (input or output).',
    labelNames: ['provider', 'model', 'direction'] as const,
    registers: [this.registry],
  });
  readonly costUsd = new Counter({
    name: 'opendeck_model_estimated_cost_usd_total',
    help: 'Estimated price of model calls in US dollars (models with a known price only).',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Queue depth by state, read from the queue when scraped: one round trip per scrape, no poller. */
  watchQueue(queue: { counts(): Promise<QueueCounts> }): void {
    new Gauge({
      name: 'opendeck_queue_jobs',
      help: 'Generation jobs in the queue by state (waiting, active, delayed, failed).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        try {
          const counts = await queue.counts();
          for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
        } catch {
          this.reset(); // the queue is unreachable: report nothing rather than stale numbers
        }
      },
    });
  }

  /** For the HTTP adapter's middleware (structurally its HttpMetrics port). */
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
    this.httpDuration.observe({ method: labels.method, route: labels.route, status: String(labels.status) }, seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
