/**
 * The settings of the card generators, and the checks made when one is built, apart from the generators
 * themselves: the composition root needs them at start, and importing them must not load the providers' SDKs
 * (lazy-card-generator.ts loads those on the first model call).
 */
import type { RetryClock, RetryOptions } from './retry-policy.js';

export const LLM_PROVIDERS = ['openai', 'anthropic', 'bedrock', 'offline'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export interface LlmSettings {
  provider: LlmProvider;
  openai: {
    apiKey?: string;
    /** Any OpenAI-compatible server, e.g. Ollama at http://localhost:11434/v1. */
    baseURL?: string;
    model: string;
  };
  anthropic: {
    apiKey?: string;
    baseURL?: string;
    model: string;
  };
  /** Amazon Bedrock: credentials from the AWS SDK's default chain, never from here. */
  bedrock: {
    /** A model id or inference profile (id or ARN). */
    model: string;
    region?: string;
    /** Another Bedrock runtime endpoint (a VPC endpoint, a proxy); undefined: the region's own. */
    endpointUrl?: string;
  };
  /** null: leave the provider's default (some reasoning models accept no other). */
  temperature: number | null;
  maxOutputTokens: number;
  /** Per model call. */
  requestTimeoutMs: number;
  /** Attempts per call for 429/5xx/timeouts, the first included. */
  maxAttempts: number;
  /** Attempts per chunk when the reply is malformed, the first included. */
  maxMalformedAttempts: number;
  /** Document characters per model call (the prompt adds a few hundred). */
  maxChunkChars: number;
}

/** Claude Haiku 4.5 through Bedrock's global cross-region inference profile (this model has no on-demand id). */
export const DEFAULT_BEDROCK_MODEL_ID = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';

export const DEFAULT_LLM_SETTINGS: LlmSettings = {
  provider: 'offline',
  openai: { model: 'gpt-4o-mini' },
  anthropic: { model: 'claude-haiku-4-5' },
  bedrock: { model: DEFAULT_BEDROCK_MODEL_ID },
  temperature: 0.2,
  maxOutputTokens: 4096,
  requestTimeoutMs: 120_000,
  maxAttempts: 5,
  maxMalformedAttempts: 3,
  maxChunkChars: 12_000,
};

/**
 * The explicit choice if any; otherwise the first provider with a key (an OpenAI-compatible base URL counts), else
 * offline. Bedrock is only ever chosen explicitly: AWS credentials are everywhere on AWS and say nothing.
 */
export function pickProvider(input: {
  openaiKey?: string;
  anthropicKey?: string;
  openaiBaseUrl?: string;
  explicit?: LlmProvider;
}): LlmProvider {
  if (input.explicit) return input.explicit;
  if (input.openaiKey || input.openaiBaseUrl) return 'openai';
  if (input.anthropicKey) return 'anthropic';
  return 'offline';
}

/** For tests and benchmarks: a fake clock, retry logging. */
export interface GeneratorHooks {
  clock?: RetryClock;
  onRetry?: RetryOptions['onRetry'];
}

/** The errors createCardGenerator throws for settings that cannot work, so a lazily built generator throws them just as early. */
export function assertProviderSettings(settings: LlmSettings): void {
  if (settings.provider === 'openai' && !settings.openai.apiKey && !settings.openai.baseURL) {
    throw new Error(
      'The AI provider "openai" needs an API key (OPENAI_API_KEY), or a base URL (OPENAI_BASE_URL) for a local OpenAI-compatible server.',
    );
  }
  if (settings.provider === 'anthropic' && !settings.anthropic.apiKey)
    throw new Error('The AI provider "anthropic" needs an API key (ANTHROPIC_API_KEY).');
  if (settings.provider === 'bedrock' && !settings.bedrock.region)
    throw new Error('The AI provider "bedrock" needs an AWS region (AWS_REGION); credentials come from the AWS SDK\'s default chain.');
}
