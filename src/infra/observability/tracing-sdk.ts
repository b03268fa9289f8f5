/**
 * The OpenTelemetry SDK and OTLP exporter (~340 KB, ~45 ms to evaluate). Only tracing.ts imports this module,
 * and only dynamically, once a collector or exporter is configured: a process without tracing never loads it.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export type TracePropagator = 'tracecontext' | 'baggage' | 'xray';

export interface TracingOptions {
  serviceName: string;
  version: string;
  /** OTLP/HTTP collector base URL (spans are sent to <endpoint>/v1/traces). */
  endpoint?: string;
  headers?: Record<string, string>;
  /** Replaces the OTLP exporter (tests pass an InMemorySpanExporter); spans are then exported at once. */
  exporter?: SpanExporter;
  /** Trace headers read and written (OTEL_PROPAGATORS); default W3C trace context and baggage. */
  propagators?: readonly TracePropagator[];
}

const PROPAGATORS: Record<TracePropagator, () => TextMapPropagator> = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  // X-Amzn-Trace-Id, as API Gateway, Lambda and the X-Ray SDKs send it.
  xray: () => new AWSXRayPropagator(),
};

/**
 * A registered provider with AsyncLocalStorage context. With xray, trace ids are X-Ray's (the first 8 hex digits
 * are the start time in epoch seconds: X-Ray refuses ids older than 30 days or from the future), so spans sent
 * through an OTLP collector with the awsxray exporter (ADOT) land in X-Ray, joined to Lambda's own segments.
 */
export function registerProvider(options: TracingOptions): NodeTracerProvider {
  const names = options.propagators ?? ['tracecontext', 'baggage'];
  const spanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${options.endpoint!.replace(/\/+$/, '')}/v1/traces`, headers: options.headers }),
      );
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName, [ATTR_SERVICE_VERSION]: options.version }),
    spanProcessors: [spanProcessor],
    ...(names.includes('xray') ? { idGenerator: new AWSXRayIdGenerator() } : {}),
  });
  provider.register({ propagator: new CompositePropagator({ propagators: names.map((name) => PROPAGATORS[name]()) }) });
  return provider;
}
