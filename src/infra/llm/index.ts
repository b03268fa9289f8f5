/** LLM infrastructure: CardGenerator implementations, their factory, retry policy and cost estimates. */
export { AnthropicCardGenerator, type AnthropicCardGeneratorOptions } from './anthropic-card-generator.js';
export { BedrockCardGenerator, type BedrockCardGeneratorOptions } from './bedrock-card-generator.js';
export {
  createCardGenerator,
  DEFAULT_BEDROCK_MODEL_ID,
  DEFAULT_LLM_SETTINGS,
  LLM_PROVIDERS,
  pickProvider,
  type GeneratorHooks,
  type LlmProvider,
  type LlmSettings,
} from './create-card-generator.js';
export { estimateCostUsd, MODEL_PRICES, priceOf, type ModelPrice } from './model-prices.js';
export { OFFLINE_MODEL, OfflineCardGenerator } from './offline/offline-card-generator.js';
export { OpenAiCardGenerator, type OpenAiCardGeneratorOptions } from './openai-card-generator.js';
export { DEFAULT_RETRY_POLICY, parseRetryAfter, systemRetryClock, withRetries, type RetryClock, type RetryPolicy } from './retry-policy.js';
