/**
 * Turns an SDK's errors into the retry policy's vocabulary and the core's error codes. Both official SDKs
 * (openai, @anthropic-ai/sdk) share the same error class family, so one mapping serves both; the AWS SDK's
 * Bedrock errors have their own (bedrockFailures), recognised by name so this module imports no SDK.
 */
import { CoreError } from '../../core/index.js';
import { parseRetryAfter, type TransientFailure } from './retry-policy.js';

interface SdkApiError {
  status: number | undefined;
  headers: Headers | undefined;
  message: string;
}

// biome-ignore lint/suspicious/noExplicitAny: any constructor signature of the SDKs' error classes
type ErrorClass = abstract new (...args: any[]) => Error;

/** The error classes of one SDK, passed in so this module imports neither SDK. */
export interface SdkErrorClasses {
  APIError: ErrorClass;
  APIConnectionError: ErrorClass;
  APIConnectionTimeoutError: ErrorClass;
  APIUserAbortError: ErrorClass;
}

/** How one provider's failures are read: what to retry, and what the caller sees of the rest. */
export interface ProviderFailures {
  /** The transient failure to retry, or null for errors that must propagate. */
  classify(error: unknown, nowMs: number): TransientFailure | null;
  /** A non-transient failure (e.g. a refused key) as the caller should see it; anything else passes through. */
  toCoreError(error: unknown, label: string): unknown;
}

/** A model call that took longer than the configured timeout, for SDKs whose timeout we keep ourselves. */
export class ProviderTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`No reply within ${timeoutMs} ms.`);
    this.name = 'ProviderTimeoutError';
  }
}

export function sdkFailures(sdk: SdkErrorClasses): ProviderFailures {
  return {
    classify: (error, nowMs) => classifySdkError(sdk, () => nowMs)(error),
    toCoreError: (error, label) => toCoreError(error, sdk, label),
  };
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

/** What the AWS SDK's service exceptions carry (@aws-sdk/client-bedrock-runtime's classes extend it). */
interface AwsServiceError {
  name: string;
  message: string;
  code?: string;
  cause?: { code?: string };
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

const isAwsError = (error: unknown): error is AwsServiceError => error instanceof Error;
const awsStatus = (error: AwsServiceError) => error.$metadata?.httpStatusCode;

/** Bedrock's transient failures, by exception name (Converse API reference, "Errors"). */
const BEDROCK_TRANSIENT: Readonly<Record<string, string>> = {
  ThrottlingException: 'rate limited',
  ServiceUnavailableException: 'the service is unavailable',
  ModelNotReadyException: 'the model is not ready',
  InternalServerException: 'server error',
  ModelTimeoutException: 'the model timed out',
};

/** Network failures below HTTP: the socket and HTTP/2 session errors the SDK's HTTP/2 handler passes on. */
const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ERR_HTTP2_\w+)$/;
const isNetworkError = (error: AwsServiceError) => NETWORK_CODES.test(error.code ?? '') || NETWORK_CODES.test(error.cause?.code ?? '');

/** Amazon Bedrock through the AWS SDK (the SDK's own retries are off: maxAttempts 1). */
export const bedrockFailures: ProviderFailures = {
  classify: (error) => {
    if (error instanceof ProviderTimeoutError) return { reason: 'the request timed out', retryAfterMs: null };
    if (!isAwsError(error) || error.name === 'AbortError') return null;
    const status = awsStatus(error);
    const transient = BEDROCK_TRANSIENT[error.name];
    if (transient) return { reason: `${transient} (${status ? `HTTP ${status}, ` : ''}${error.name})`, retryAfterMs: null };
    if (status !== undefined && isTransientStatus(status)) return { reason: `server error (HTTP ${status})`, retryAfterMs: null };
    if (status === undefined && isNetworkError(error)) return { reason: 'the server could not be reached', retryAfterMs: null };
    return null;
  },
  toCoreError: (error, label) => {
    if (!isAwsError(error) || error.name === 'AbortError' || error instanceof ProviderTimeoutError) return error;
    const detail = error.message.slice(0, 300);
    const fail = (message: string) => new CoreError('upstream_unavailable', message);
    switch (error.name) {
      case 'ValidationException':
        return fail(
          `${label} rejected the request (ValidationException): ${detail} Check BEDROCK_MODEL_ID: it must name a model or inference profile that this region serves and that supports tool use.`,
        );
      case 'AccessDeniedException':
        return fail(
          `${label} refused access (AccessDeniedException): ${detail} The role needs bedrock:InvokeModel on the model, and the model must be enabled in this account.`,
        );
      case 'ResourceNotFoundException':
        return fail(`${label} does not know this model (ResourceNotFoundException): ${detail} Check BEDROCK_MODEL_ID and AWS_REGION.`);
      case 'UnrecognizedClientException':
      case 'InvalidSignatureException':
      case 'ExpiredTokenException':
      case 'CredentialsProviderError':
        return fail(
          `${label} did not accept the AWS credentials (${error.name}): ${detail} Check the credentials the AWS SDK finds (the Lambda role, AWS_PROFILE or AWS_ACCESS_KEY_ID).`,
        );
    }
    const status = awsStatus(error);
    if (status === undefined && !error.$fault) return error; // not an answer from AWS: a bug, kept as it is
    return fail(`${label} rejected the request (${error.name}${status ? `, HTTP ${status}` : ''}): ${detail}`);
  },
};
