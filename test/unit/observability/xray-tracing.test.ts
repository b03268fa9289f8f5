/**
 * Tracing for X-Ray (OTEL_PROPAGATORS=xray): the SDK as the wiring starts it, with the real server-span
 * middleware in front of a route. Trace ids carry X-Ray's timestamp; an incoming X-Amzn-Trace-Id (as API Gateway
 * and Lambda send it) is continued; the header is written on for calls made inside the request; W3C
 * traceparent still works beside it. Without xray, the X-Ray header is ignored.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { serverSpans } from '../../../src/adapters/http/middleware/observe.js';
import { ConfigError, loadConfig } from '../../../src/config/index.js';
import { activeTracer, startTracing, stopTracing } from '../../../src/infra/observability/tracing.js';

// A new one per test: stopping tracing shuts its exporter down, and a stopped InMemorySpanExporter drops spans.
let exporter = new InMemorySpanExporter();

/** A route behind the real middleware that answers with the headers a call made inside it would carry. */
async function appTraced(propagators: ('tracecontext' | 'baggage' | 'xray')[]) {
  exporter = new InMemorySpanExporter();
  await startTracing({ serviceName: 'test', version: '0', exporter, propagators });
  const app = new Hono();
  app.use(serverSpans(activeTracer()!));
  app.get('/probe', (c) => {
    const outgoing: Record<string, string> = {};
    propagation.inject(context.active(), outgoing);
    return c.json(outgoing);
  });
  return app;
}

afterEach(async () => {
  await stopTracing();
});

const AMZN = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

describe('OTEL_PROPAGATORS', () => {
  it('defaults to W3C trace context and baggage, takes xray, and names a value it does not know', () => {
    expect(loadConfig({}, {}).observability.propagators).toEqual(['tracecontext', 'baggage']);
    expect(loadConfig({}, { OTEL_PROPAGATORS: 'tracecontext, XRay,xray' }).observability.propagators).toEqual(['tracecontext', 'xray']);
    expect(() => loadConfig({}, { OTEL_PROPAGATORS: 'xray,jaeger' })).toThrow(ConfigError);
    try {
      loadConfig({}, { OTEL_PROPAGATORS: 'b3' });
    } catch (error) {
      expect((error as ConfigError).problems[0]).toMatch(/^OTEL_PROPAGATORS\.0: must list tracecontext, baggage and\/or xray/);
    }
  });
});

describe('tracing with the X-Ray propagator and id generator', () => {
  it('starts traces with X-Ray ids: the first 8 hex digits are the start time in epoch seconds', async () => {
    const app = await appTraced(['tracecontext', 'xray']);
    const before = Math.floor(Date.now() / 1000);
    const res = await app.request('/probe');
    const after = Math.floor(Date.now() / 1000);
    const [span] = exporter.getFinishedSpans();
    const { traceId, spanId } = span!.spanContext();
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const seconds = Number.parseInt(traceId.slice(0, 8), 16);
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(after);
    // Written on in X-Ray's format (Root=1-<time>-<24 hex>) and in W3C's, both naming the request's span.
    const headers = (await res.json()) as Record<string, string>;
    expect(headers['x-amzn-trace-id']).toMatch(
      new RegExp(`^Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=[0-9a-f]{16};Sampled=1$`),
    );
    expect(headers['x-amzn-trace-id']).toContain(`Parent=${spanId}`);
    expect(headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
  });

  it('continues the trace of an incoming X-Amzn-Trace-Id header', async () => {
    const app = await appTraced(['xray']);
    const res = await app.request('/probe', { headers: { 'X-Amzn-Trace-Id': AMZN } });
    const [span] = exporter.getFinishedSpans();
    expect(span!.spanContext().traceId).toBe('5759e988bd862e3fe1be46a994272793');
    expect(span!.parentSpanContext?.spanId).toBe('53995c3f42cd8ad8');
    const headers = (await res.json()) as Record<string, string>;
    expect(headers['x-amzn-trace-id']).toBe(`Root=1-5759e988-bd862e3fe1be46a994272793;Parent=${span!.spanContext().spanId};Sampled=1`);
    expect(headers.traceparent).toBeUndefined(); // only what was asked for
  });

  it('still continues a W3C traceparent beside it', async () => {
    const app = await appTraced(['tracecontext', 'baggage', 'xray']);
    await app.request('/probe', { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    expect(exporter.getFinishedSpans()[0]!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('ignores the X-Ray header without xray, and stops reading it once tracing stops', async () => {
    const app = await appTraced(['tracecontext', 'baggage']);
    const res = await app.request('/probe', { headers: { 'X-Amzn-Trace-Id': AMZN } });
    expect(exporter.getFinishedSpans()[0]!.spanContext().traceId).not.toBe('5759e988bd862e3fe1be46a994272793');
    expect(await res.json()).not.toHaveProperty('x-amzn-trace-id');
    const spanContext = exporter.getFinishedSpans()[0]!.spanContext();
    await stopTracing();
    const outgoing: Record<string, string> = {};
    propagation.inject(trace.setSpanContext(context.active(), spanContext), outgoing);
    expect(outgoing).toEqual({});
  });
});
