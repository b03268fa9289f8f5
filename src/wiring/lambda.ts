/**
 * What a Lambda instance builds once, at its cold start, and reuses for every invocation: the configuration
 * (with the Secrets Manager secret merged in, read once), the logger, the ports with their AWS clients, and,
 * for the API function, the Hono app. Building starts when the handler module is imported, i.e. during the
 * init phase, which runs before the first event. A failed build is forgotten so the next invocation tries
 * again (e.g. after a throttled secret read) instead of the instance failing until it is recycled.
 */
import { loadConfigWithSecrets } from './load-config.js';
import { createLogger, type Logger } from '../infra/logging/logger.js';
import { buildServices, runtimeFromServices, type Runtime, type Services } from '../main.js';

interface Built {
  services: Services;
  logger: Logger;
}

let built: Promise<Built> | undefined;
let runtime: Promise<Runtime> | undefined;

function retryable<T>(make: () => Promise<T>, forget: () => void): Promise<T> {
  const pending = make();
  pending.catch(forget);
  return pending;
}

/** The ports and job runner (the SQS function needs no more). */
export function lambdaServices(): Promise<Built> {
  built ??= retryable(
    async () => {
      const { config, secrets, apiKeySecrets } = await loadConfigWithSecrets();
      const logger = createLogger(config.logLevel);
      if (secrets) logger.info({ secrets }, 'configuration secrets read (names only)');
      if (apiKeySecrets.length) logger.info({ keys: apiKeySecrets }, 'API keys read from Secrets Manager');
      for (const note of config.notes) logger.warn(note);
      // Inline, no CPU pool: an invocation serves one SQS batch or one request, with no event loop to keep free
      // for others, and a pool would load a second pdf.js at every cold start.
      return { services: await buildServices({ ...config, cpuWorkers: 0 }, logger), logger };
    },
    () => (built = undefined),
  );
  return built;
}

/** Services plus the HTTP app, for the API function. Unfinished documents are SQS's to redeliver, not ours. */
export function lambdaRuntime(): Promise<Runtime> {
  runtime ??= retryable(
    async () => {
      const { services, logger } = await lambdaServices();
      return runtimeFromServices(services, logger, { recoverUnfinished: false, liveEvents: false });
    },
    () => (runtime = undefined),
  );
  return runtime;
}
