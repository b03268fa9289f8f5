/**
 * The loop every LLM provider shares: call the model under the retry policy, validate the reply with the
 * card schema, and ask again (a bounded number of times) when the reply is malformed. Token usage is summed
 * over every reply received, malformed ones included, because they were paid for.
 */
import type { GenerationResult, TokenUsage } from '../../core/index.js';
import { parseCardOutput } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import { classifySdkError, toCoreError, type SdkErrorClasses } from './provider-failures.js';
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

/** Everything but the model call itself: the same for every provider but for its SDK's error classes and name. */
export function providerGeneration(
  settings: ProviderRetrySettings,
  sdk: SdkErrorClasses,
  label: string,
  maxCards: number,
  signal: AbortSignal | undefined,
): Omit<StructuredGenerationOptions, 'call'> {
  const clock = settings.clock ?? systemRetryClock;
  return {
    maxCards,
    maxMalformedAttempts: settings.maxMalformedAttempts ?? 3,
    retry: {
      policy: settings.retryPolicy ?? DEFAULT_RETRY_POLICY,
      clock,
      classify: classifySdkError(sdk, clock.now),
      label,
      signal,
      onRetry: settings.onRetry,
    },
    mapError: (error) => toCoreError(error, sdk, label),
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
