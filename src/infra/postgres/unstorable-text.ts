/**
 * PostgreSQL text cannot hold U+0000, and refuses any statement that carries one (SQLSTATE 22021), even a
 * search that would match nothing. The core's schemas allow it (other stores take it), so without this a
 * NUL in a title, a name or a search term was a 500. Here that refusal becomes the validation error it is.
 */
import { CoreError } from '../../core/index.js';

const NUL_REFUSED = '22021';

function isNulRefusal(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === NUL_REFUSED && /0x00/.test(String(e.message))) return true;
  }
  return false;
}

// No field path: the database does not say which value carried it (body, query or file metadata alike).
const refusal = () => new CoreError('validation', 'Text may not contain the NUL character (U+0000); remove it and try again.');

function guard<T extends object>(repository: T): T {
  const wrappers = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (!wrapper) {
        wrapper = async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (error) {
            throw isNulRefusal(error) ? refusal() : error;
          }
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

/** Every repository of the object, translating PostgreSQL's refusal of U+0000 into a validation error. */
export function refuseUnstorableText<T extends object>(repositories: T): T {
  return Object.fromEntries(Object.entries(repositories).map(([name, repo]) => [name, guard(repo as object)])) as T;
}
