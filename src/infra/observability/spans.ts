import { SpanStatusCode, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';

/**
 * Runs `work` inside a new active span (children made inside it nest under it), marks a thrown error on the
 * span and ends it whatever happens. The error message is recorded, never arguments or return values.
 */
export async function inSpan<T>(tracer: Tracer, name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      if (error instanceof Error) span.recordException({ name: error.name, message: error.message });
      throw error;
    } finally {
      span.end();
    }
  });
}
