/**
 * A CardGenerator for openai, anthropic or bedrock that loads the provider's SDK (and createCardGenerator) on its first
 * model call rather than at start. The SDKs are ~600 KB of the Lambda bundle that the API function never
 * calls (jobs run in the SQS function), and compiling them was a large share of its cold start. Everything
 * known without the SDK answers at once: provider, model, chunk size, cost estimate, and the settings check,
 * which throws as early as createCardGenerator would.
 */
import type { CardGenerator, GenerationRequest, GenerationResult, TokenUsage } from '../../core/index.js';
import { assertProviderSettings, type GeneratorHooks, type LlmSettings } from './llm-settings.js';
import { estimateCostUsd } from './model-prices.js';
import { OfflineCardGenerator } from './offline/offline-card-generator.js';

class LazyCardGenerator implements CardGenerator {
  readonly provider: string;
  readonly model: string;
  readonly maxChunkChars: number;
  private loaded: Promise<CardGenerator> | undefined;

  constructor(
    private readonly settings: LlmSettings & { provider: Exclude<LlmSettings['provider'], 'offline'> },
    private readonly hooks: GeneratorHooks,
  ) {
    this.provider = settings.provider;
    this.model = settings[settings.provider].model;
    this.maxChunkChars = settings.maxChunkChars;
  }

  estimateCostUsd(usage: TokenUsage): number | null {
    return estimateCostUsd(this.model, usage);
  }

  async generate(request: GenerationRequest, signal?: AbortSignal): Promise<GenerationResult> {
    this.loaded ??= import('./create-card-generator.js').then(({ createCardGenerator }) => createCardGenerator(this.settings, this.hooks));
    // A failed load (a broken install) is not kept: the next call tries again.
    const generator = await this.loaded.catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return generator.generate(request, signal);
  }
}

export function createLazyCardGenerator(settings: LlmSettings, hooks: GeneratorHooks = {}): CardGenerator {
  assertProviderSettings(settings);
  if (settings.provider === 'offline') return new OfflineCardGenerator(settings.maxChunkChars);
  return new LazyCardGenerator({ ...settings, provider: settings.provider }, hooks);
}
