import type { GenerateCardsJob, JobHandler, Logger } from '../ports/index.js';

const MAX_MESSAGE = 300;

/**
 * What a log line may say about a failure. Error messages can quote their input (a parser echoing model
 * output, an SDK echoing a prompt), so the message is cut short and the stack keeps only its frames:
 * document text must never reach the logs.
 */
export function describeFailure(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 12);
  return {
    error: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE)}…` : error.message,
    stack: frames?.join('\n'),
  };
}

const jobFields = (job: GenerateCardsJob) => ({ documentId: job.documentId, userId: job.userId });

/**
 * Logs start, finish (with the handler's outcome, e.g. 'completed' or 'skipped') and failure of every run,
 * with the duration. The failure is rethrown so the queue can decide about retries.
 */
export function withJobLogging(handler: JobHandler, logger: Logger): JobHandler {
  return async (job, run) => {
    const started = Date.now();
    logger.info({ ...jobFields(job), attempt: run.attempt }, 'job started');
    try {
      const outcome = await handler(job, run);
      logger.info(
        {
          ...jobFields(job),
          attempt: run.attempt,
          durationMs: Date.now() - started,
          outcome: typeof outcome === 'string' ? outcome : 'done',
        },
        'job finished',
      );
      return outcome;
    } catch (error) {
      logger.error(
        { ...jobFields(job), attempt: run.attempt, durationMs: Date.now() - started, outcome: 'error', ...describeFailure(error) },
        'job failed',
      );
      throw error;
    }
  };
}
