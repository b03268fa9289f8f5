/**
 * The OpenTelemetry SDK and OTLP exporter (~340 KB, ~45 ms to evaluate). Only tracing.ts imports this module,
 * and only dynamically, once a collector or exporter is configured: a process without tracing never loads it.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  serviceName: string;
  version: string;
  /** OTLP/HTTP collector base URL (spans are sent to <endpoint>/v1/traces). */
  endpoint?: string;
  headers?: Record<string, string>;
  /** Replaces the OTLP exporter (tests pass an InMemorySpanExporter); spans are then exported at once. */
  exporter?: SpanExporter;
}

/** A registered provider: W3C trace context, AsyncLocalStorage context. */
export function registerProvider(options: TracingOptions): NodeTracerProvider {
  const spanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${options.endpoint!.replace(/\/+$/, '')}/v1/traces`, headers: options.headers }),
      );
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName, [ATTR_SERVICE_VERSION]: options.version }),
    spanProcessors: [spanProcessor],
  });
  provider.register();
  return provider;
}
