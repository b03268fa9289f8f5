/**
 * Database spans, one per repository call, as a decorator over the repositories: it covers PGlite and the
 * PostgreSQL server alike, and a span names the operation (`db decks.list`) rather than raw SQL text, which
 * could carry user content. Used only when tracing is on.
 */
import { SpanKind, type Tracer } from '@opentelemetry/api';
import { inSpan } from './spans.js';

export function traceRepository<T extends object>(repository: T, name: string, tracer: Tracer, system: string): T {
  const wrappers = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      let wrapper = wrappers.get(property);
      if (!wrapper) {
        const attributes = { 'db.system.name': system, 'db.collection.name': name, 'db.operation.name': property };
        wrapper = (...args: unknown[]) =>
          inSpan(tracer, `db ${name}.${property}`, { kind: SpanKind.CLIENT, attributes }, async () =>
            (value as (...a: unknown[]) => unknown).apply(target, args),
          );
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

/** Every repository of the object (users, decks, ...) wrapped; other values left as they are. */
export function traceRepositories<T extends object>(repositories: T, tracer: Tracer, system: string): T {
  const entries = Object.entries(repositories).map(([name, repo]) => [
    name,
    repo && typeof repo === 'object' ? traceRepository(repo as object, name, tracer, system) : repo,
  ]);
  return Object.fromEntries(entries) as T;
}
