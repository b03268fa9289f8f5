/**
 * OpenTelemetry tracing. Started once per process, and only when a collector is configured: otherwise no SDK
 * is loaded, activeTracer() is null and the wiring adds no tracing decorators at all (zero cost). The SDK is
 * in tracing-sdk.ts, imported dynamically: a static import would load it at every start (~45 ms on a Lambda
 * cold start) even with tracing off. Only @opentelemetry/api, which is small, is imported here.
 */
import { propagation, trace, type Tracer } from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingOptions } from './tracing-sdk.js';

export const TRACER_NAME = 'opendeck';

export type { TracingOptions };

let provider: NodeTracerProvider | null = null;
/** A start under way (the SDK is being imported); later starts and stops wait for it. */
let starting: Promise<boolean> | null = null;

/** Starts the SDK; resolves false when nothing is configured. Set synchronously, so a caller may skip awaiting. */
export function startTracing(options: TracingOptions): Promise<boolean> {
  if (provider) return Promise.resolve(true);
  if (starting) return starting;
  if (!options.exporter && !options.endpoint) return Promise.resolve(false);
  const pending = import('./tracing-sdk.js').then(({ registerProvider }) => {
    provider = registerProvider(options);
    return true;
  });
  starting = pending;
  const done = () => {
    if (starting === pending) starting = null;
  };
  pending.then(done, done);
  return pending;
}

/** Resolves once a start under way (if any) has finished, so activeTracer() then tells the truth. */
export async function tracingSettled(): Promise<void> {
  await starting?.catch(() => undefined);
}

/** The tracer when tracing was started in this process, else null (callers then skip instrumenting). */
export function activeTracer(): Tracer | null {
  return provider ? trace.getTracer(TRACER_NAME) : null;
}

/** Flushes spans still buffered and stops the SDK (at shutdown). */
export async function stopTracing(): Promise<void> {
  await tracingSettled();
  const current = provider;
  provider = null;
  if (!current) return;
  await current.shutdown().catch(() => undefined);
  trace.disable();
  propagation.disable();
}
