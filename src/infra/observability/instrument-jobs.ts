/** Text extraction and generation jobs, measured (and traced when tracing is on) by decoration. */
import { SpanKind, trace, context, type Link, type Tracer } from '@opentelemetry/api';
import type { GenerateCardsJob, TextExtractor } from '../../core/index.js';
import type { Metrics } from './metrics.js';
import { inSpan } from './spans.js';

export function instrumentExtractor(inner: TextExtractor, metrics: Metrics, tracer: Tracer | null): TextExtractor {
  return {
    async extract(bytes, format, options) {
      const run = async () => {
        const extracted = await inner.extract(bytes, format, options);
        metrics.pagesExtracted.inc({ format }, extracted.pageCount ?? 0);
        return extracted;
      };
      if (!tracer) return run();
      return inSpan(
        tracer,
        `extract ${format}`,
        { attributes: { 'opendeck.document.format': format, 'opendeck.document.bytes': bytes.byteLength } },
        async (span) => {
          const extracted = await run();
          span.setAttribute('opendeck.document.pages', extracted.pageCount ?? 0);
          return extracted;
        },
      );
    },
  };
}

/**
 * A job's outcome is what processDocument returns ('completed', 'failed', 'skipped'); a throw is 'error'.
 * Its span starts a trace of its own (a job outlives the request that queued it) linked to that request.
 */
export function instrumentJob<R>(run: (job: GenerateCardsJob) => Promise<R>, metrics: Metrics, tracer: Tracer | null) {
  const measured = async (job: GenerateCardsJob): Promise<R> => {
    const started = performance.now();
    let outcome = 'error';
    try {
      const result = await run(job);
      outcome = typeof result === 'string' ? result : 'completed';
      return result;
    } finally {
      metrics.jobDuration.observe({ outcome }, (performance.now() - started) / 1000);
    }
  };
  if (!tracer) return measured;
  return (job: GenerateCardsJob): Promise<R> => {
    const parent = trace.getSpanContext(context.active());
    const links: Link[] = parent ? [{ context: parent }] : [];
    return inSpan(
      tracer,
      'job generate_cards',
      { kind: SpanKind.CONSUMER, root: true, links, attributes: { 'opendeck.document.id': job.documentId } },
      async (span) => {
        const result = await measured(job);
        if (typeof result === 'string') span.setAttribute('opendeck.job.outcome', result);
        return result;
      },
    );
  };
}
