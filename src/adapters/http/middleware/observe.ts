/**
 * Request metrics and server spans. Both label a request by its route TEMPLATE (`/api/v1/decks/:deck_id`),
 * never the raw path: ids in paths would make one time series (or span name) per resource.
 */
import { SpanKind, SpanStatusCode, context, propagation, trace, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { routeTemplate } from './access-log.js';

/** What the HTTP adapter needs from a metrics implementation (src/infra/observability/metrics.ts). */
export interface HttpMetrics {
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  render(): Promise<{ contentType: string; body: string }>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const methodLabel = (method: string) => (METHODS.has(method) ? method : 'OTHER');

export function requestMetrics(metrics: HttpMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = routeTemplate(c) ?? 'unmatched';
      metrics.observeRequest({ method: methodLabel(c.req.method), route, status: c.res.status }, (performance.now() - started) / 1000);
    }
  };
}

// Reads single headers through Hono: building the raw Request just to read traceparent is a real cost per GET.
// keys() is only called by propagators that look a header up by listing them (X-Ray's does).
const headerGetter: TextMapGetter<Context<AppEnv>> = {
  keys: (c) => Object.keys(c.req.header()),
  get: (c, key) => c.req.header(key),
};

/** One SERVER span per request, continuing the caller's trace from its W3C traceparent (or X-Amzn-Trace-Id with OTEL_PROPAGATORS=xray). */
export function serverSpans(tracer: Tracer): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const parent = propagation.extract(context.active(), c, headerGetter);
    const method = methodLabel(c.req.method);
    const span = tracer.startSpan(method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } }, parent);
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const route = routeTemplate(c);
      const status = c.res.status;
      span.updateName(route ? `${method} ${route}` : method);
      span.setAttributes({
        'http.response.status_code': status,
        'opendeck.request_id': c.get('requestId'),
        ...(route ? { 'http.route': route } : {}),
      });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
