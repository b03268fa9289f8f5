/**
 * The one retry policy for every LLM provider: exponential backoff with full jitter, honouring Retry-After.
 * The SDKs' own retries are switched off (maxRetries: 0) so this is the only policy, and the clock is
 * injectable so tests can assert the waits without waiting.
 */
import { CoreError } from '../../core/index.js';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Backoff ceiling for retry n (1-based) is min(maxDelayMs, baseDelayMs * 2^(n-1)); the wait is uniform below it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's Retry-After is honoured up to this; a longer one is capped rather than trusted blindly. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

export interface RetryClock {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
  now(): number;
}

export const systemRetryClock: RetryClock = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  random: Math.random,
  now: Date.now,
};

/** A failure worth retrying, and how long the server asked us to wait (null: it did not say). */
export interface TransientFailure {
  reason: string;
  retryAfterMs: number | null;
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 10.2.3). `retry-after-ms` (sent by OpenAI
 * and Anthropic) is more precise and wins when present. Returns null when absent or unreadable.
 */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, nowMs: number): number | null {
  const ms = headers?.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers?.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

export function backoffDelayMs(retry: number, policy: RetryPolicy, failure: TransientFailure, random: () => number): number {
  if (failure.retryAfterMs !== null) return Math.min(failure.retryAfterMs, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryOptions {
  policy: RetryPolicy;
  clock: RetryClock;
  /** Returns the transient failure to retry, or null for errors that must propagate as they are. */
  classify: (error: unknown) => TransientFailure | null;
  /** Names the upstream in the final error ("OpenAI"). */
  label: string;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/** Runs `attempt` until it succeeds, fails non-transiently, or attempts run out (CoreError upstream_unavailable). */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, clock } = options;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const failure = options.classify(error);
      if (!failure) throw error;
      if (n >= policy.maxAttempts) {
        const retryAfterSeconds = failure.retryAfterMs === null ? undefined : Math.ceil(failure.retryAfterMs / 1000);
        throw new CoreError(
          'upstream_unavailable',
          `${options.label} is unavailable: ${failure.reason} (${n} attempt${n === 1 ? '' : 's'}). Try again later.`,
          retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
        );
      }
      const delayMs = backoffDelayMs(n, policy, failure, clock.random);
      options.onRetry?.({ attempt: n, delayMs, reason: failure.reason });
      await clock.sleep(delayMs, options.signal);
    }
  }
}
