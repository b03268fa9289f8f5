import type { z } from 'zod';
import { validationFailed, type FieldError } from './errors.js';

/** Parses untrusted input, turning every problem into one field error a person can read. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(toFieldErrors(result.error, input));
}

/**
 * `input` is the value that was parsed: zod 4 leaves `issue.input` out unless asked (reportInput), so
 * without it a field of the wrong type could not be told apart from a missing one.
 */
export function toFieldErrors(error: z.ZodError, input?: unknown): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message:
      issue.code === 'invalid_type'
        ? typeMessage(issue.expected, 'input' in issue ? issue.input : valueAt(input, issue.path))
        : issue.message,
  }));
}

function typeMessage(expected: string, value: unknown): string {
  if (value === undefined) return 'is required';
  return `must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
