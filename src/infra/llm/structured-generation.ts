/**
 * The loop every LLM provider shares: call the model under the retry policy, validate the reply with the
 * card schema, and ask again (a bounded number of times) when the reply is malformed. Token usage is summed
 * over every reply received, malformed ones included, because they were paid for.
 */
import type { GenerationResult, TokenUsage } from '../../core/index.js';
import { parseCardOutput } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import type { ProviderFailures } from './provider-failures.js';
import {
  DEFAULT_RETRY_POLICY,
  systemRetryClock,
  withRetries,
  type RetryClock,
  type RetryOptions,
  type RetryPolicy,
} from './retry-policy.js';

export interface ModelReply {
  /** The model's structured output: a JSON string, or an already-decoded value (tool input). */
  output: unknown;
  usage: TokenUsage;
}

export interface StructuredGenerationOptions {
  retry: RetryOptions;
  /** Replies that fail validation are requested again up to this many times in total. */
  maxMalformedAttempts: number;
  maxCards: number;
  /** One model call; the SDK error it throws is classified by `retry.classify`. */
  call: (signal: AbortSignal | undefined) => Promise<ModelReply>;
  /** Maps a non-transient error that escaped the retries (e.g. 401) to what the caller should see. */
  mapError: (error: unknown) => unknown;
}

/** The retry knobs every provider takes (tests inject a clock and watch retries). */
export interface ProviderRetrySettings {
  retryPolicy?: RetryPolicy;
  maxMalformedAttempts?: number;
  clock?: RetryClock;
  onRetry?: RetryOptions['onRetry'];
}

/** Everything but the model call itself: the same for every provider but for how its failures read and its name. */
export function providerGeneration(
  settings: ProviderRetrySettings,
  failures: ProviderFailures,
  label: string,
  maxCards: number,
  signal: AbortSignal | undefined,
  /** The request's own listener (the core warns the user once when a model outage delays a document). */
  requestRetry?: RetryOptions['onRetry'],
): Omit<StructuredGenerationOptions, 'call'> {
  const clock = settings.clock ?? systemRetryClock;
  const onRetry: RetryOptions['onRetry'] =
    settings.onRetry && requestRetry
      ? (info) => {
          settings.onRetry!(info);
          requestRetry(info);
        }
      : (settings.onRetry ?? requestRetry);
  return {
    maxCards,
    maxMalformedAttempts: settings.maxMalformedAttempts ?? 3,
    retry: {
      policy: settings.retryPolicy ?? DEFAULT_RETRY_POLICY,
      clock,
      classify: (error) => failures.classify(error, clock.now()),
      label,
      signal,
      onRetry,
    },
    mapError: (error) => failures.toCoreError(error, label),
  };
}

export async function generateStructured(options: StructuredGenerationOptions): Promise<GenerationResult> {
  const { retry } = options;
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  let lastProblem = '';
  for (let attempt = 1; attempt <= options.maxMalformedAttempts; attempt++) {
    let reply: ModelReply;
    try {
      reply = await withRetries(() => options.call(retry.signal), retry);
    } catch (error) {
      throw options.mapError(error);
    }
    usage.inputTokens += reply.usage.inputTokens;
    usage.outputTokens += reply.usage.outputTokens;
    const parsed = parseCardOutput(reply.output, options.maxCards);
    if (parsed.ok) return { cards: parsed.cards, usage };
    lastProblem = parsed.error;
    retry.onRetry?.({ attempt, delayMs: 0, reason: `malformed reply: ${parsed.error}` });
  }
  throw new CoreError(
    'unprocessable',
    `${retry.label} returned malformed cards ${options.maxMalformedAttempts} time${options.maxMalformedAttempts === 1 ? '' : 's'} in a row (last: ${lastProblem}). Try again, or choose another model.`,
  );
}
