/**
 * When the AI provider is down (CoreError 'upstream_unavailable' after the provider's own retries), a run is
 * not failed for good: it waits and runs again, the same way on every queue (in-process, BullMQ, SQS), with
 * the status saying why. Delays grow from 30 s to 15 min, about 33 minutes of waiting in all; a provider still
 * down after that fails the document with a message that says so, and the user can ask again later.
 */
import { CoreError } from '../errors.js';

/** The wait before run 2, 3, ... of a document whose previous run found the provider unavailable. */
export const OUTAGE_RETRY_DELAYS_SECONDS: readonly number[] = [30, 60, 120, 300, 600, 900];

export const totalOutageWaitSeconds = (): number => OUTAGE_RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0);

/** Seconds to wait after run `attempt` (1-based) found the provider down, or null once the waits are used up. */
export function outageRetryDelay(attempt: number): number | null {
  return OUTAGE_RETRY_DELAYS_SECONDS[Math.max(1, Math.floor(attempt)) - 1] ?? null;
}

const inWords = (seconds: number) =>
  seconds < 60 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minute${seconds >= 120 ? 's' : ''}`;

export const waitingDetail = (seconds: number): string =>
  `Waiting for the AI provider, which is not answering right now; generation resumes by itself in about ${inWords(seconds)}.`;

export const gaveUpMessage = (): string =>
  `The AI provider did not answer for about ${inWords(totalOutageWaitSeconds())}, so generation stopped. Try again later.`;

/** Thrown by processDocument to ask its queue for another run after `retryAfterSeconds`. */
export function retryLater(cause: CoreError, seconds: number): CoreError {
  return new CoreError('upstream_unavailable', cause.message, { ...cause.details, retryAfterSeconds: seconds });
}

/** True for the error processDocument throws to be run again later; queues schedule the rerun after the delay. */
export const retryAfterSecondsOf = (error: unknown): number | null => {
  const details = (error as { code?: unknown; details?: { retryAfterSeconds?: unknown } } | null)?.details;
  return (error as { code?: unknown } | null)?.code === 'upstream_unavailable' && typeof details?.retryAfterSeconds === 'number'
    ? details.retryAfterSeconds
    : null;
};
