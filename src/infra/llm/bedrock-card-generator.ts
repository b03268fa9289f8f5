/**
 * CardGenerator on Amazon Bedrock's Converse API (@aws-sdk/client-bedrock-runtime). Structured output comes
 * through a forced tool, as with Anthropic: toolChoice names `record_flashcards`, whose input schema is the card
 * schema, and the tool input is validated by our own code like any other reply. Credentials come from the AWS
 * SDK's default chain (the Lambda or task role, AWS_PROFILE, AWS_ACCESS_KEY_ID...); the region is AWS_REGION.
 */
import {
  BedrockRuntimeClient,
  type ContentBlock,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { CardGenerator, GenerationRequest, GenerationResult, TokenUsage } from '../../core/index.js';
import { buildGenerationPrompt } from '../../core/index.js';
import { FLASHCARD_TOOL_DESCRIPTION, FLASHCARD_TOOL_NAME, FLASHCARD_TOOL_SCHEMA } from './flashcard-tool.js';
import { estimateCostUsd } from './model-prices.js';
import { bedrockFailures, ProviderTimeoutError } from './provider-failures.js';
import { generateStructured, providerGeneration, type ModelReply, type ProviderRetrySettings } from './structured-generation.js';

const LABEL = 'The Amazon Bedrock AI provider';

/** The SDK's JSON document type, as the Converse input names it (the schema is plain JSON). */
type JsonDocument = NonNullable<ConverseCommandInput['additionalModelRequestFields']>;

const TOOL_CONFIG: ConverseCommandInput['toolConfig'] = {
  tools: [
    {
      toolSpec: {
        name: FLASHCARD_TOOL_NAME,
        description: FLASHCARD_TOOL_DESCRIPTION,
        inputSchema: { json: FLASHCARD_TOOL_SCHEMA as JsonDocument },
      },
    },
  ],
  toolChoice: { tool: { name: FLASHCARD_TOOL_NAME } },
};

export interface BedrockCardGeneratorOptions extends ProviderRetrySettings {
  /** A model id or inference profile id/ARN, e.g. global.anthropic.claude-haiku-4-5-20251001-v1:0. */
  modelId: string;
  region: string;
  /** Another Bedrock runtime endpoint (a VPC endpoint, a test fake); undefined: the region's own. */
  endpoint?: string;
  /** Tests pass fixed credentials; otherwise the SDK's default provider chain is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  temperature: number | null;
  maxOutputTokens: number;
  timeoutMs: number;
  maxChunkChars: number;
}

/** The tool input if the model called the tool; otherwise its text, which may still be the JSON we asked for. */
function structuredOutput(content: ContentBlock[]): unknown {
  const call = content.find((block) => block.toolUse?.name === FLASHCARD_TOOL_NAME);
  if (call) return call.toolUse!.input;
  return content.map((block) => block.text ?? '').join('');
}

function tokenUsage(usage: ConverseCommandOutput['usage']): TokenUsage {
  // Cached prompt tokens are input too (billed at other rates, but counted against budgets).
  const input = (usage?.inputTokens ?? 0) + (usage?.cacheReadInputTokens ?? 0) + (usage?.cacheWriteInputTokens ?? 0);
  return { inputTokens: input, outputTokens: usage?.outputTokens ?? 0 };
}

export class BedrockCardGenerator implements CardGenerator {
  readonly provider = 'bedrock';
  readonly model: string;
  readonly maxChunkChars: number;
  private readonly client: BedrockRuntimeClient;

  constructor(private readonly options: BedrockCardGeneratorOptions) {
    this.model = options.modelId;
    this.maxChunkChars = options.maxChunkChars;
    this.client = new BedrockRuntimeClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // AWS_ENDPOINT_URL points the other AWS clients at local emulators (DynamoDB Local, fauxqs), which have
      // no Bedrock: the SDK must not send model calls there. Only the configured endpoint counts.
      ignoreConfiguredEndpointUrls: true,
      // 1: the retry policy is ours (retry-policy.ts), not the SDK's.
      maxAttempts: 1,
    });
  }

  estimateCostUsd(usage: TokenUsage): number | null {
    return estimateCostUsd(this.model, usage);
  }

  async generate(request: GenerationRequest, signal?: AbortSignal): Promise<GenerationResult> {
    const prompt = buildGenerationPrompt(request);
    const input: ConverseCommandInput = {
      modelId: this.model,
      system: [{ text: prompt.system }],
      messages: [{ role: 'user', content: [{ text: prompt.user }] }],
      inferenceConfig: {
        maxTokens: this.options.maxOutputTokens,
        ...(this.options.temperature === null ? {} : { temperature: this.options.temperature }),
      },
      toolConfig: TOOL_CONFIG,
    };
    return generateStructured({
      ...providerGeneration(this.options, bedrockFailures, LABEL, request.maxCards, signal, request.onRetry),
      call: (callSignal) => this.converse(input, callSignal),
    });
  }

  /** One Converse call under our own timeout: a timeout is retried, the caller's abort is not. */
  private async converse(input: ConverseCommandInput, signal: AbortSignal | undefined): Promise<ModelReply> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const abortSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await this.client.send(new ConverseCommand(input), { abortSignal });
      return { output: structuredOutput(response.output?.message?.content ?? []), usage: tokenUsage(response.usage) };
    } catch (error) {
      if (timeout.aborted && !signal?.aborted) throw new ProviderTimeoutError(this.options.timeoutMs);
      throw error;
    }
  }
}
