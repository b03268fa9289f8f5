/**
 * OpenTelemetry tracing. Started once per process, and only when a collector is configured: otherwise no SDK
 * is loaded, activeTracer() is null and the wiring adds no tracing decorators at all (zero cost).
 */
import { trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export const TRACER_NAME = 'opendeck';

export interface TracingOptions {
  serviceName: string;
  version: string;
  /** OTLP/HTTP collector base URL (spans are sent to <endpoint>/v1/traces). */
  endpoint?: string;
  headers?: Record<string, string>;
  /** Replaces the OTLP exporter (tests pass an InMemorySpanExporter); spans are then exported at once. */
  exporter?: SpanExporter;
}

let provider: NodeTracerProvider | null = null;

/** Starts the SDK (W3C trace context, AsyncLocalStorage context); false when nothing is configured. */
export function startTracing(options: TracingOptions): boolean {
  if (provider) return true;
  if (!options.exporter && !options.endpoint) return false;
  const spanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${options.endpoint!.replace(/\/+$/, '')}/v1/traces`, headers: options.headers }),
      );
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName, [ATTR_SERVICE_VERSION]: options.version }),
    spanProcessors: [spanProcessor],
  });
  provider.register();
  return true;
}

/** The tracer when tracing was started in this process, else null (callers then skip instrumenting). */
export function activeTracer(): Tracer | null {
  return provider ? trace.getTracer(TRACER_NAME) : null;
}

/** Flushes spans still buffered and stops the SDK (at shutdown). */
export async function stopTracing(): Promise<void> {
  const current = provider;
  provider = null;
  if (!current) return;
  await current.shutdown().catch(() => undefined);
  trace.disable();
}
