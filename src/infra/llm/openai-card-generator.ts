/**
 * CardGenerator on the OpenAI chat completions API (or any compatible server, e.g. Ollama, via baseURL),
 * using structured output (strict json_schema derived from the card zod schema). The reply is still
 * validated by our own code: strict mode is a request, not a guarantee, and compatible servers vary.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { CardGenerator, GenerationRequest, GenerationResult, TokenUsage } from '../../core/index.js';
import { generatedCardsSchema } from '../../core/index.js';
import { buildGenerationPrompt } from '../../core/index.js';
import { estimateCostUsd } from './model-prices.js';
import { generateStructured, providerGeneration, type ProviderRetrySettings } from './structured-generation.js';

const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };
export const OPENAI_API_URL = 'https://api.openai.com/v1';
const RESPONSE_FORMAT = zodResponseFormat(generatedCardsSchema, 'flashcards');

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

  constructor(private readonly options: OpenAiCardGeneratorOptions) {
    this.model = options.model;
    this.maxChunkChars = options.maxChunkChars;
    const baseURL = options.baseURL || OPENAI_API_URL;
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

  async generate(request: GenerationRequest, signal?: AbortSignal): Promise<GenerationResult> {
    const prompt = buildGenerationPrompt(request);
    return generateStructured({
      ...providerGeneration(this.options, SDK_ERRORS, 'The OpenAI-compatible AI provider', request.maxCards, signal),
      call: async (callSignal) => {
        const completion = await this.client.chat.completions.create(
          {
            model: this.model,
            messages: [
              { role: 'system', content: prompt.system },
              { role: 'user', content: prompt.user },
            ],
            response_format: RESPONSE_FORMAT,
            [this.tokenLimitField]: this.options.maxOutputTokens,
            ...(this.options.temperature === null ? {} : { temperature: this.options.temperature }),
          },
          { signal: callSignal },
        );
        const message = completion.choices[0]?.message;
        return {
          // A refusal or an empty message is handled like malformed output: asked again, then unprocessable.
          output: message?.content ?? '',
          usage: { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 },
        };
      },
    });
  }
}
