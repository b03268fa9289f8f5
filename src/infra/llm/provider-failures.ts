/**
 * Turns an SDK's errors into the retry policy's vocabulary and the core's error codes. Both official SDKs
 * (openai, @anthropic-ai/sdk) share the same error class family, so one mapping serves both.
 */
import { CoreError } from '../../core/index.js';
import { parseRetryAfter, type TransientFailure } from './retry-policy.js';

interface SdkApiError {
  status: number | undefined;
  headers: Headers | undefined;
  message: string;
}

type ErrorClass = abstract new (...args: any[]) => Error;

/** The error classes of one SDK, passed in so this module imports neither SDK. */
export interface SdkErrorClasses {
  APIError: ErrorClass;
  APIConnectionError: ErrorClass;
  APIConnectionTimeoutError: ErrorClass;
  APIUserAbortError: ErrorClass;
}

/** 408 timeout, 409 lock conflict, 429 rate limit and every 5xx (incl. Anthropic's 529 overloaded) are transient. */
const isTransientStatus = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

export function classifySdkError(sdk: SdkErrorClasses, now: () => number): (error: unknown) => TransientFailure | null {
  return (error) => {
    if (error instanceof sdk.APIUserAbortError) return null; // our caller cancelled: not a provider failure
    if (error instanceof sdk.APIConnectionTimeoutError) return { reason: 'the request timed out', retryAfterMs: null };
    if (error instanceof sdk.APIConnectionError) return { reason: 'the server could not be reached', retryAfterMs: null };
    if (error instanceof sdk.APIError) {
      const { status, headers } = error as unknown as SdkApiError;
      if (status !== undefined && isTransientStatus(status)) {
        const reason = status === 429 ? 'rate limited (HTTP 429)' : `server error (HTTP ${status})`;
        return { reason, retryAfterMs: parseRetryAfter(headers, now()) };
      }
    }
    return null;
  };
}

/** Non-transient API errors become CoreErrors whose message says what to fix; anything else passes through. */
export function toCoreError(error: unknown, sdk: SdkErrorClasses, label: string): unknown {
  if (!(error instanceof sdk.APIError) || error instanceof sdk.APIUserAbortError) return error;
  const { status, message } = error as unknown as SdkApiError;
  const detail = message.replace(/^\d{3}\s+/, '').slice(0, 300);
  switch (status) {
    case 401:
      return new CoreError('upstream_unavailable', `${label} rejected the API key (HTTP 401). Check the configured key.`);
    case 403:
      return new CoreError('upstream_unavailable', `${label} refused access (HTTP 403): ${detail}. Check the key's permissions.`);
    case 404:
      return new CoreError(
        'upstream_unavailable',
        `${label} does not know this model or endpoint (HTTP 404): ${detail}. Check the model name and base URL.`,
      );
    default:
      return new CoreError('upstream_unavailable', `${label} rejected the request (HTTP ${status ?? 'error'}): ${detail}.`);
  }
}
