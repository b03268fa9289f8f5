/**
 * The one place where failures become HTTP: the CoreError.code -> status table, RFC 9457 problem bodies,
 * the app's error handler and the validation hook. Every error response of the API is built here.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { isCoreError, toFieldErrors, validationFailed, type ErrorCode, type FieldError } from '../../core/index.js';
import type { AppEnv } from './env.js';

/** Core codes plus the few that only exist in HTTP (routing knows about methods, the core does not). */
export type ProblemCode = ErrorCode | 'method_not_allowed';

interface ProblemKind {
  status: ContentfulStatusCode;
  title: string;
  /** Used when the error carries no sentence of its own (framework errors). */
  detail: string;
}

export const PROBLEMS: Record<ProblemCode, ProblemKind> = {
  bad_request: { status: 400, title: 'Bad request', detail: 'The request could not be understood.' },
  unauthorized: { status: 401, title: 'Unauthorized', detail: 'You need to sign in to do this.' },
  forbidden: { status: 403, title: 'Forbidden', detail: 'You are not allowed to do this.' },
  not_found: { status: 404, title: 'Not found', detail: 'There is nothing at this address.' },
  method_not_allowed: { status: 405, title: 'Method not allowed', detail: 'This address does not accept this method.' },
  conflict: { status: 409, title: 'Conflict', detail: 'The request conflicts with existing data.' },
  payload_too_large: { status: 413, title: 'Payload too large', detail: 'The request body is larger than 1 MB.' },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    detail: 'Send the request body as JSON with the header Content-Type: application/json.',
  },
  validation: { status: 422, title: 'Validation failed', detail: 'The request has invalid fields.' },
  unprocessable: { status: 422, title: 'Unprocessable content', detail: 'The content cannot be processed.' },
  rate_limited: { status: 429, title: 'Too many requests', detail: 'Too many requests. Wait a little and try again.' },
  internal: {
    status: 500,
    title: 'Internal server error',
    detail: 'Something went wrong on our side. Try again, and report the request id if it keeps happening.',
  },
  upstream_unavailable: { status: 502, title: 'Upstream service unavailable', detail: 'A service we depend on failed.' },
  unavailable: { status: 503, title: 'Service unavailable', detail: 'The service is not ready. Try again shortly.' },
};

export const PROBLEM_TYPE_BASE = 'https://opendeck.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemOptions {
  errors?: FieldError[];
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
}

export function problemResponse(c: Context<AppEnv>, code: ProblemCode, detail?: string, options: ProblemOptions = {}): Response {
  const kind = PROBLEMS[code];
  const body = {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: kind.title,
    status: kind.status,
    detail: detail ?? kind.detail,
    code,
    request_id: c.get('requestId') ?? null,
    ...(options.errors ? { errors: options.errors } : {}),
  };
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE, ...options.headers };
  if (options.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.ceil(options.retryAfterSeconds));
  if (code === 'unauthorized') headers['WWW-Authenticate'] = wwwAuthenticate(c);
  return c.body(JSON.stringify(body), kind.status, headers);
}

/** RFC 6750: say which scheme to use, and whether the token that was sent is the problem. */
function wwwAuthenticate(c: Context<AppEnv>): string {
  return bearerToken(c.req.header('authorization')) ? 'Bearer error="invalid_token"' : 'Bearer';
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([^\s]+) *$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

// Hono and its validators throw HTTPException with English fragments; give them our wording and code.
const HTTP_EXCEPTION_CODES: Partial<Record<number, { code: ProblemCode; detail?: string }>> = {
  400: { code: 'bad_request', detail: 'The request body is not valid JSON.' },
  401: { code: 'unauthorized' },
  404: { code: 'not_found' },
  405: { code: 'method_not_allowed' },
  413: { code: 'payload_too_large' },
  415: { code: 'unsupported_media_type' },
};

export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (isCoreError(err)) {
      const { errors, retryAfterSeconds } = err.details;
      if (PROBLEMS[err.code].status >= 500)
        logger.warn({ request_id: c.get('requestId'), code: err.code, detail: err.message }, 'request failed');
      return problemResponse(c, err.code, err.message, { errors, retryAfterSeconds });
    }
    if (err instanceof HTTPException && err.status < 500) {
      const known = HTTP_EXCEPTION_CODES[err.status] ?? { code: 'bad_request' };
      return problemResponse(c, known.code, known.detail);
    }
    // Unexpected: the log gets the stack, the client only a request id to quote.
    logger.error({ err, request_id: c.get('requestId') }, 'unhandled error');
    return problemResponse(c, 'internal');
  };
}

/**
 * `defaultHook` of every OpenAPIHono: request validation failures become the same 422 the core gives.
 * On failure `data` is the raw input, which tells a missing field from one of the wrong type.
 */
export function validationHook(result: { success: boolean; error?: unknown; data?: unknown }): void {
  if (!result.success) throw validationFailed(toFieldErrors(result.error as Parameters<typeof toFieldErrors>[0], result.data));
}
