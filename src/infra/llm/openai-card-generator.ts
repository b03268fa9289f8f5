/**
 * CardGenerator on the OpenAI chat completions API (or any compatible server, e.g. Ollama, via baseURL).
 * It asks for structured output in the best way the model supports (strict json_schema derived from the card
 * zod schema, else JSON mode, else the schema in the prompt: openai-output-modes.ts). The reply is validated
 * by our own code whatever the mode: strict mode is a request, not a guarantee, and compatible servers vary.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { CardGenerator, GenerationRequest, GenerationResult, TokenUsage } from '../../core/index.js';
import { generatedCardsSchema } from '../../core/index.js';
import { buildGenerationPrompt } from '../../core/index.js';
import { estimateCostUsd } from './model-prices.js';
import { sdkFailures } from './provider-failures.js';
import {
  isUnsupportedOutputMode,
  outputModeFor,
  replyTextFor,
  stepDownOutputMode,
  systemPromptFor,
  type OutputMode,
} from './openai-output-modes.js';
import { generateStructured, providerGeneration, type ModelReply, type ProviderRetrySettings } from './structured-generation.js';

const FAILURES = sdkFailures({ APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError });
export const OPENAI_API_URL = 'https://api.openai.com/v1';
const RESPONSE_FORMATS = {
  json_schema: zodResponseFormat(generatedCardsSchema, 'flashcards'),
  json_object: { type: 'json_object' },
  prompt: undefined,
} as const;
const LABEL = 'The OpenAI-compatible AI provider';

export interface OpenAiCardGeneratorOptions extends ProviderRetrySettings {
  apiKey: string;
  /** e.g. http://localhost:11434/v1 for Ollama; undefined for api.openai.com. */
  baseURL?: string;
  model: string;
  /** null: do not send (reasoning models accept only their default). */
  temperature: number | null;
  maxOutputTokens: number;
  /**
   * OpenAI deprecated `max_tokens` for `max_completion_tokens`, which many compatible servers do not know yet.
   * Default: `max_completion_tokens` for api.openai.com, `max_tokens` when a baseURL points elsewhere.
   */
  tokenLimitField?: 'max_completion_tokens' | 'max_tokens';
  timeoutMs: number;
  maxChunkChars: number;
}

export class OpenAiCardGenerator implements CardGenerator {
  readonly provider = 'openai';
  readonly model: string;
  readonly maxChunkChars: number;
  private readonly client: OpenAI;
  private readonly tokenLimitField: 'max_completion_tokens' | 'max_tokens';
  private readonly baseURL: string;

  constructor(private readonly options: OpenAiCardGeneratorOptions) {
    this.model = options.model;
    this.maxChunkChars = options.maxChunkChars;
    const baseURL = options.baseURL || OPENAI_API_URL;
    this.baseURL = baseURL;
    this.tokenLimitField = options.tokenLimitField ?? (baseURL === OPENAI_API_URL ? 'max_completion_tokens' : 'max_tokens');
    // maxRetries 0: the retry policy is ours (retry-policy.ts), not the SDK's. Everything the SDK would otherwise
    // read from the environment is passed explicitly: the config module is the only reader of process.env.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: options.timeoutMs,
    });
  }

  estimateCostUsd(usage: TokenUsage): number | null {
    return estimateCostUsd(this.model, usage);
  }

  /** The output mode this model is asked in now (it may step down after an "unsupported" answer). */
  get outputMode(): OutputMode {
    return outputModeFor(this.baseURL, this.model);
  }

  async generate(request: GenerationRequest, signal?: AbortSignal): Promise<GenerationResult> {
    const prompt = buildGenerationPrompt(request);
    const generation = providerGeneration(this.options, FAILURES, LABEL, request.maxCards, signal, request.onRetry);
    return generateStructured({
      ...generation,
      call: async (callSignal) => {
        for (let mode = this.outputMode; ; ) {
          try {
            return await this.complete(prompt, mode, callSignal);
          } catch (error) {
            // The one automatic fallback: a model that refuses the mode is asked again, at once, one mode down.
            const next =
              error instanceof APIError && isUnsupportedOutputMode(error) ? stepDownOutputMode(this.baseURL, this.model, mode) : null;
            if (!next) throw error;
            generation.retry.onRetry?.({
              attempt: 1,
              delayMs: 0,
              reason: `the model does not support ${mode} output; asking with ${next}`,
            });
            mode = next;
          }
        }
      },
    });
  }

  private async complete(prompt: { system: string; user: string }, mode: OutputMode, signal: AbortSignal | undefined): Promise<ModelReply> {
    const responseFormat = RESPONSE_FORMATS[mode];
    const completion = await this.client.chat.completions.create(
      {
        model: this.model,
        messages: [
          { role: 'system', content: systemPromptFor(mode, prompt.system) },
          { role: 'user', content: prompt.user },
        ],
        ...(responseFormat ? { response_format: responseFormat } : {}),
        [this.tokenLimitField]: this.options.maxOutputTokens,
        ...(this.options.temperature === null ? {} : { temperature: this.options.temperature }),
      },
      { signal },
    );
    const message = completion.choices[0]?.message;
    return {
      // A refusal or an empty message is handled like malformed output: asked again, then unprocessable.
      output: replyTextFor(mode, message?.content ?? ''),
      usage: { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 },
    };
  }
}
