/** Building blocks shared by every route contract: problem responses, JSON bodies, path ids, security. */
import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, PROBLEMS, type ProblemCode } from '../problem.js';

export const BEARER_SCHEME = 'bearerAuth';
export const bearerSecurity = [{ [BEARER_SCHEME]: [] }];

const FieldErrorSchema = z
  .object({
    path: z.string().openapi({ example: 'title' }),
    message: z.string().openapi({ example: 'must be at most 200 characters' }),
  })
  .openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ format: 'uri', example: `${PROBLEM_TYPE_BASE}not_found` }),
    title: z.string().openapi({ example: 'Not found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'The deck was not found.' }),
    code: z.enum(Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]]),
    request_id: z.string().openapi({ example: '5f0c6a8e-2b1d-4c1e-9f6a-0d3b7f1e2a44' }),
    errors: z.array(FieldErrorSchema).optional().openapi({ description: 'One entry per invalid field (validation only).' }),
  })
  .openapi('Problem', { description: 'An RFC 9457 problem document, served as application/problem+json.' });

const WHEN: Partial<Record<number, string>> = {
  400: 'The body is not valid JSON.',
  401: 'Missing, malformed, expired or revoked bearer token (the response carries WWW-Authenticate: Bearer).',
  404: "No such resource of yours (another user's resources are also 404, and so are malformed ids).",
  409: 'Conflicts with existing data.',
  413: 'The body is larger than 1 MB.',
  415: 'The body is not sent as application/json.',
  422: 'One or more fields are invalid; `errors` lists each one.',
  429: 'Too many attempts; Retry-After gives the seconds to wait.',
  503: 'The service or its database is not ready.',
};

/** Problem responses for the given statuses, for a contract's `responses`. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: WHEN[status] ?? 'Error.', content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } },
    ]),
  );
}

/** The problems any JSON-body route can answer, besides its own. */
export const BODY_PROBLEMS = [400, 413, 415, 422] as const;

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * Path ids are plain strings on purpose: a malformed id must be a 404 (the core answers it), not a 422.
 */
export const idParam = (name: string, example: string) => z.string().openapi({ param: { name, in: 'path' }, format: 'uuid', example });
