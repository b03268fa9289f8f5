/**
 * The job adapter's one table from failure to decision, as the HTTP adapter has one to status codes and the CLI
 * one to exit codes: a failure that may pass (the provider is down or rate-limits us) is tried again later, the
 * document staying processing with the reason (core/documents/outage-retry.ts sets the waits); one that will fail
 * again the same way (a corrupt or empty file, a bad option) fails the document at once.
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

/** The handler every queue runs for a generation job; the queue's delivery count is the run's attempt. */
export function generationJobHandler(ports: Ports): JobHandler {
  return (job, run) =>
    processDocument({
      ctx: { userId: job.userId, requestId: `job-${job.documentId}`, ports },
      input: { ...job, attempt: run.attempt, mayRetry: (error) => JOB_DECISIONS[error.code] === 'retry' },
    });
}
