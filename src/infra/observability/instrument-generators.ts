/**
 * Model calls measured and traced by decorating the card generators the registry hands out: the core's
 * generation code stays unaware of metrics and spans. Each call records its duration and outcome, the tokens
 * it used and, where the model's price is known, what it cost.
 */
import { SpanKind, type Tracer } from '@opentelemetry/api';
import { isCoreError, type CardGenerator, type GeneratorRegistry } from '../../core/index.js';
import type { Metrics } from './metrics.js';
import { inSpan } from './spans.js';

/**
 * One structured line per model call (the 'model usage' log line), which CloudWatch turns into the AI cost metric
 * on AWS (infra/terraform/alarms.tf: a metric filter on costUsd). Fields only, never prompt or output text.
 */
export type UsageLog = (fields: {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}) => void;

function instrumentGenerator(inner: CardGenerator, metrics: Metrics, tracer: Tracer | null, usageLog?: UsageLog): CardGenerator {
  const labels = { provider: inner.provider, model: inner.model };
  const call: CardGenerator['generate'] = async (request, signal) => {
    const started = performance.now();
    try {
      const result = await inner.generate(request, signal);
      const seconds = (performance.now() - started) / 1000;
      metrics.modelCalls.observe({ ...labels, outcome: 'ok' }, seconds);
      metrics.tokens.inc({ ...labels, direction: 'input' }, result.usage.inputTokens);
      metrics.tokens.inc({ ...labels, direction: 'output' }, result.usage.outputTokens);
      const cost = inner.estimateCostUsd?.(result.usage);
      if (typeof cost === 'number' && cost > 0) metrics.costUsd.inc(labels, cost);
      usageLog?.({
        ...labels,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        costUsd: typeof cost === 'number' ? cost : null,
      });
      return result;
    } catch (error) {
      const outcome = isCoreError(error) ? error.code : 'error';
      metrics.modelCalls.observe({ ...labels, outcome }, (performance.now() - started) / 1000);
      throw error;
    }
  };
  const generate: CardGenerator['generate'] = !tracer
    ? call
    : (request, signal) =>
        inSpan(
          tracer,
          `model ${inner.provider} ${inner.model}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'gen_ai.system': inner.provider,
              'gen_ai.request.model': inner.model,
              'opendeck.chunk.index': request.chunk.index,
            },
          },
          async (span) => {
            const result = await call(request, signal);
            span.setAttributes({
              'gen_ai.usage.input_tokens': result.usage.inputTokens,
              'gen_ai.usage.output_tokens': result.usage.outputTokens,
            });
            return result;
          },
        );
  return {
    provider: inner.provider,
    model: inner.model,
    maxChunkChars: inner.maxChunkChars,
    generate,
    ...(inner.estimateCostUsd ? { estimateCostUsd: (usage) => inner.estimateCostUsd!(usage) } : {}),
  };
}

/** The registry, handing out measured generators (one wrapper per generator, kept like the generators are). */
export function instrumentGenerators<R extends GeneratorRegistry>(
  registry: R,
  metrics: Metrics,
  tracer: Tracer | null,
  usageLog?: UsageLog,
): R {
  const wrapped = new WeakMap<CardGenerator, CardGenerator>();
  return {
    ...registry,
    get(provider?: string, model?: string): CardGenerator {
      const inner = registry.get(provider, model);
      let outer = wrapped.get(inner);
      if (!outer) {
        outer = instrumentGenerator(inner, metrics, tracer, usageLog);
        wrapped.set(inner, outer);
      }
      return outer;
    },
  };
}
