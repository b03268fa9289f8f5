import type { QueueLogger } from '../infra/queue/queue-types.js';

/**
 * A worker's answer to SIGTERM/SIGINT, whatever its queue: the first signal stops taking jobs and exits once
 * running ones finish (0) or the shutdown timeout passes (1); a second one exits at once.
 */
export function stopOnSignals(options: {
  stop: (reason: string) => Promise<boolean>;
  logger: QueueLogger;
  exit?: (code: number) => void;
}): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.logger.warn({ signal }, 'second signal: exiting without waiting for running jobs');
      exit(1);
      return;
    }
    stopping = true;
    void options.stop(signal).then((clean) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      exit(clean ? 0 : 1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
