/**
 * Chooses and builds the CardGenerator from settings. The settings come from the config module (the only
 * reader of process.env); nothing here reads the environment.
 */
import type { CardGenerator } from '../../core/index.js';
import { AnthropicCardGenerator } from './anthropic-card-generator.js';
import { BedrockCardGenerator } from './bedrock-card-generator.js';
import { OfflineCardGenerator } from './offline/offline-card-generator.js';
import { OpenAiCardGenerator } from './openai-card-generator.js';
import { assertProviderSettings, type GeneratorHooks, type LlmSettings } from './llm-settings.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';

export {
  assertProviderSettings,
  DEFAULT_BEDROCK_MODEL_ID,
  DEFAULT_LLM_SETTINGS,
  LLM_PROVIDERS,
  pickProvider,
  type GeneratorHooks,
  type LlmProvider,
  type LlmSettings,
} from './llm-settings.js';

export function createCardGenerator(settings: LlmSettings, hooks: GeneratorHooks = {}): CardGenerator {
  assertProviderSettings(settings);
  const common = {
    temperature: settings.temperature,
    maxOutputTokens: settings.maxOutputTokens,
    timeoutMs: settings.requestTimeoutMs,
    maxChunkChars: settings.maxChunkChars,
    maxMalformedAttempts: settings.maxMalformedAttempts,
    retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: settings.maxAttempts },
    ...hooks,
  };
  switch (settings.provider) {
    case 'openai': {
      const { apiKey, baseURL, model } = settings.openai;
      // Local OpenAI-compatible servers (Ollama) ignore the key, but the SDK insists on one.
      return new OpenAiCardGenerator({ ...common, apiKey: apiKey || 'not-needed', baseURL, model });
    }
    case 'anthropic': {
      const { apiKey, baseURL, model } = settings.anthropic;
      return new AnthropicCardGenerator({ ...common, apiKey: apiKey!, baseURL, model }); // checked above
    }
    case 'bedrock': {
      const { model, region, endpointUrl } = settings.bedrock;
      return new BedrockCardGenerator({ ...common, modelId: model, region: region!, endpoint: endpointUrl }); // checked above
    }
    case 'offline':
      return new OfflineCardGenerator(settings.maxChunkChars);
  }
}
