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
const headerGetter: TextMapGetter<Context<AppEnv>> = {
  keys: () => [],
  get: (c, key) => c.req.header(key),
};

/** One SERVER span per request, continuing the caller's trace when it sends a W3C traceparent header. */
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
