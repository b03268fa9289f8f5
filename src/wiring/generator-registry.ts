import { CoreError, type CardGenerator, type GeneratorRegistry } from '../core/index.js';
import type { AiConfig } from '../config/index.js';
// Not from infra/llm/index.js, which re-exports the SDK-based generators: they load on the first model call.
import { createLazyCardGenerator } from '../infra/llm/lazy-card-generator.js';
import { DEFAULT_LLM_SETTINGS, LLM_PROVIDERS, pickProvider, type LlmProvider, type LlmSettings } from '../infra/llm/llm-settings.js';

export function llmSettingsFrom(ai: AiConfig, provider: LlmProvider): LlmSettings {
  return {
    provider,
    openai: { apiKey: ai.openai.apiKey, baseURL: ai.openai.baseUrl, model: ai.openai.model },
    anthropic: { apiKey: ai.anthropic.apiKey, baseURL: ai.anthropic.baseUrl, model: ai.anthropic.model },
    bedrock: { model: ai.bedrock.modelId, region: ai.bedrock.region, endpointUrl: ai.bedrock.endpointUrl },
    temperature: ai.temperature,
    maxOutputTokens: ai.maxOutputTokens,
    requestTimeoutMs: ai.timeoutSeconds * 1000,
    maxAttempts: ai.maxAttempts,
    maxMalformedAttempts: DEFAULT_LLM_SETTINGS.maxMalformedAttempts,
    maxChunkChars: ai.maxChunkChars ?? DEFAULT_LLM_SETTINGS.maxChunkChars,
  };
}

/** The provider used when a request names none: AI_PROVIDER, else the first with a key, else offline. */
export function defaultProvider(ai: AiConfig): LlmProvider {
  return pickProvider({
    explicit: ai.provider,
    openaiKey: ai.openai.apiKey,
    openaiBaseUrl: ai.openai.baseUrl,
    anthropicKey: ai.anthropic.apiKey,
  });
}

/** Why the provider cannot be used with the settings this service has, or null when it can. */
function missingSetting(ai: AiConfig, provider: LlmProvider): string | null {
  if (provider === 'openai' && !ai.openai.apiKey && !ai.openai.baseUrl) return `"openai" has no API key configured here`;
  if (provider === 'anthropic' && !ai.anthropic.apiKey) return `"anthropic" has no API key configured here`;
  if (provider === 'bedrock' && !ai.bedrock.region) return `"bedrock" has no AWS region configured here`;
  return null;
}

/**
 * Builds generators on first use and keeps them (their SDK clients hold connection pools).
 * A request may pick another configured provider or model; an unconfigured one is a validation error.
 */
export function createGeneratorRegistry(
  ai: AiConfig,
  /** Builds the offline generator (e.g. one that runs in the CPU pool); the inline one by default. */
  offline?: (maxChunkChars: number) => CardGenerator,
): GeneratorRegistry & { readonly defaultProvider: LlmProvider } {
  const fallback = defaultProvider(ai);
  const built = new Map<string, CardGenerator>();
  return {
    defaultProvider: fallback,
    get(provider?: string, model?: string): CardGenerator {
      const name = (provider ?? fallback) as LlmProvider;
      if (!LLM_PROVIDERS.includes(name)) {
        throw new CoreError('validation', `Unknown AI provider "${provider}".`, {
          errors: [{ path: 'provider', message: `must be one of: ${LLM_PROVIDERS.join(', ')}` }],
        });
      }
      const missing = missingSetting(ai, name);
      if (missing) {
        throw new CoreError('validation', `The AI provider "${name}" is not configured on this server.`, {
          errors: [{ path: 'provider', message: missing }],
        });
      }
      const settings = llmSettingsFrom(ai, name);
      if (model && name === 'openai') settings.openai.model = model;
      if (model && name === 'anthropic') settings.anthropic.model = model;
      if (model && name === 'bedrock') settings.bedrock.model = model;
      const key = `${name}:${name === 'offline' ? '' : (model ?? '')}`;
      let generator = built.get(key);
      if (!generator) {
        generator = name === 'offline' && offline ? offline(settings.maxChunkChars) : createLazyCardGenerator(settings);
        built.set(key, generator);
      }
      return generator;
    },
  };
}
