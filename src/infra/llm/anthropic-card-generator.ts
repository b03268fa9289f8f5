/**
 * CardGenerator on the Anthropic messages API. Structured output comes through a forced tool call: the
 * model must call `record_flashcards`, whose input_schema is the card schema; the tool input is then
 * validated by our own code like any other reply.
 */
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { CardGenerator, GenerationRequest, GenerationResult, TokenUsage } from '../../core/index.js';
import { buildGenerationPrompt } from '../../core/index.js';
import { FLASHCARD_TOOL_DESCRIPTION, FLASHCARD_TOOL_NAME, FLASHCARD_TOOL_SCHEMA } from './flashcard-tool.js';
import { estimateCostUsd } from './model-prices.js';
import { sdkFailures } from './provider-failures.js';
import { generateStructured, providerGeneration, type ProviderRetrySettings } from './structured-generation.js';

const FAILURES = sdkFailures({ APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError });
export const ANTHROPIC_API_URL = 'https://api.anthropic.com';
const LABEL = 'The Anthropic AI provider';

const FLASHCARD_TOOL: Anthropic.Tool = {
  name: FLASHCARD_TOOL_NAME,
  description: FLASHCARD_TOOL_DESCRIPTION,
  input_schema: FLASHCARD_TOOL_SCHEMA,
};

export interface AnthropicCardGeneratorOptions extends ProviderRetrySettings {
  apiKey: string;
  baseURL?: string;
  model: string;
  temperature: number | null;
  maxOutputTokens: number;
  timeoutMs: number;
  maxChunkChars: number;
}

/** The tool input if the model called the tool; otherwise its text, which may still be the JSON we asked for. */
function structuredOutput(content: Anthropic.ContentBlock[]): unknown {
  const toolUse = content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === FLASHCARD_TOOL_NAME);
  if (toolUse) return toolUse.input;
  return content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

export class AnthropicCardGenerator implements CardGenerator {
  readonly provider = 'anthropic';
  readonly model: string;
  readonly maxChunkChars: number;
  private readonly client: Anthropic;

  constructor(private readonly options: AnthropicCardGeneratorOptions) {
    this.model = options.model;
    this.maxChunkChars = options.maxChunkChars;
    // maxRetries 0: the retry policy is ours (retry-policy.ts), not the SDK's. The base URL is always passed so
    // the SDK does not read ANTHROPIC_BASE_URL itself: the config module is the only reader of process.env.
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseURL || ANTHROPIC_API_URL,
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
      ...providerGeneration(this.options, FAILURES, LABEL, request.maxCards, signal, request.onRetry),
      call: async (callSignal) => {
        const message = await this.client.messages.create(
          {
            model: this.model,
            max_tokens: this.options.maxOutputTokens,
            system: prompt.system,
            messages: [{ role: 'user', content: prompt.user }],
            tools: [FLASHCARD_TOOL],
            tool_choice: { type: 'tool', name: FLASHCARD_TOOL_NAME },
            ...(this.options.temperature === null ? {} : { temperature: this.options.temperature }),
          },
          { signal: callSignal },
        );
        const u = message.usage;
        return {
          output: structuredOutput(message.content),
          usage: {
            // Cached prompt tokens are input too (billed at other rates, but counted against budgets).
            inputTokens: u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0),
            outputTokens: u.output_tokens,
          },
        };
      },
    });
  }
}
