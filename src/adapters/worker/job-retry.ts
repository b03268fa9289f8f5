/**
 * The job adapter's one table from failure to decision, as the HTTP adapter has one to status codes and the CLI
 * one to exit codes: a failure that may pass (the provider is down or rate-limits us) is tried again later with
 * the queue's backoff, and the document stays processing with the reason; one that will fail again the same way
 * (a corrupt or empty file, a bad option) fails the document at once. Unexpected errors are thrown as they are,
 * and every queue retries those too.
 */
import { processDocument, type ErrorCode, type JobHandler, type Ports } from '../../core/index.js';

export type JobDecision = 'retry' | 'fail';

export const JOB_DECISIONS: Record<ErrorCode, JobDecision> = {
  upstream_unavailable: 'retry',
  rate_limited: 'retry',
  unavailable: 'retry',
  internal: 'retry',
  bad_request: 'fail',
  not_found: 'fail',
  conflict: 'fail',
  validation: 'fail',
  unprocessable: 'fail',
  unauthorized: 'fail',
  forbidden: 'fail',
  payload_too_large: 'fail',
  unsupported_media_type: 'fail',
};

/**
 * The handler every queue runs for a generation job. `maxAttempts`: how many deliveries the queue makes; the
 * last one fails the document instead of leaving it to a retry that will not come.
 */
export function generationJobHandler(ports: Ports, maxAttempts: number): JobHandler {
  return (job, run) =>
    processDocument({
      ctx: { userId: job.userId, requestId: `job-${job.documentId}`, ports },
      input: { ...job, retryLater: (error) => JOB_DECISIONS[error.code] === 'retry' && run.attempt < maxAttempts },
    });
}
