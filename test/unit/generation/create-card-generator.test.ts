import { describe, expect, it } from 'vitest';
import { AnthropicCardGenerator } from '../../../src/infra/llm/anthropic-card-generator.js';
import { createCardGenerator, DEFAULT_LLM_SETTINGS, pickProvider } from '../../../src/infra/llm/create-card-generator.js';
import { estimateCostUsd } from '../../../src/infra/llm/model-prices.js';
import { OfflineCardGenerator } from '../../../src/infra/llm/offline/offline-card-generator.js';
import { OpenAiCardGenerator } from '../../../src/infra/llm/openai-card-generator.js';

describe('pickProvider', () => {
  it('honours an explicit choice, else picks from the keys present, else offline', () => {
    expect(pickProvider({ explicit: 'offline', openaiKey: 'sk' })).toBe('offline');
    expect(pickProvider({ openaiKey: 'sk', anthropicKey: 'ak' })).toBe('openai');
    expect(pickProvider({ anthropicKey: 'ak' })).toBe('anthropic');
    expect(pickProvider({ openaiBaseUrl: 'http://localhost:11434/v1' })).toBe('openai');
    expect(pickProvider({})).toBe('offline');
  });
});

describe('createCardGenerator', () => {
  it('builds each provider from settings', () => {
    const openai = createCardGenerator({ ...DEFAULT_LLM_SETTINGS, provider: 'openai', openai: { apiKey: 'sk', model: 'gpt-4.1-mini' } });
    expect(openai).toBeInstanceOf(OpenAiCardGenerator);
    expect(openai).toMatchObject({ provider: 'openai', model: 'gpt-4.1-mini', maxChunkChars: 12_000 });
    const ollama = createCardGenerator({
      ...DEFAULT_LLM_SETTINGS,
      provider: 'openai',
      openai: { baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.2' },
    });
    expect(ollama.model).toBe('llama3.2');
    const anthropic = createCardGenerator({
      ...DEFAULT_LLM_SETTINGS,
      provider: 'anthropic',
      anthropic: { apiKey: 'ak', model: 'claude-haiku-4-5' },
    });
    expect(anthropic).toBeInstanceOf(AnthropicCardGenerator);
    expect(createCardGenerator(DEFAULT_LLM_SETTINGS)).toBeInstanceOf(OfflineCardGenerator);
  });

  it('explains a missing key', () => {
    expect(() => createCardGenerator({ ...DEFAULT_LLM_SETTINGS, provider: 'anthropic' })).toThrow(/needs an API key \(ANTHROPIC_API_KEY\)/);
    expect(() => createCardGenerator({ ...DEFAULT_LLM_SETTINGS, provider: 'openai' })).toThrow(/OPENAI_API_KEY.*OPENAI_BASE_URL/);
  });
});

describe('estimateCostUsd', () => {
  it('prices known models, dated snapshots included, and returns null for unknown ones', () => {
    expect(estimateCostUsd('gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(0.75);
    expect(estimateCostUsd('gpt-4o-mini-2024-07-18', { inputTokens: 2000, outputTokens: 500 })).toBe(0.0006);
    expect(estimateCostUsd('gpt-4o-2024-08-06', { inputTokens: 1000, outputTokens: 0 })).toBe(0.0025);
    expect(estimateCostUsd('claude-haiku-4-5-20251001', { inputTokens: 10_000, outputTokens: 1000 })).toBe(0.015);
    expect(estimateCostUsd('claude-opus-4-5-20251101', { inputTokens: 1_000_000, outputTokens: 0 })).toBe(5);
    expect(estimateCostUsd('claude-opus-4-1-20250805', { inputTokens: 1_000_000, outputTokens: 0 })).toBe(15);
    expect(estimateCostUsd('extractive-v1', { inputTokens: 0, outputTokens: 0 })).toBe(0);
    expect(estimateCostUsd('llama3.2', { inputTokens: 10, outputTokens: 10 })).toBeNull();
  });

  it('is offered by every generator for its own model', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 0 };
    expect(
      createCardGenerator({ ...DEFAULT_LLM_SETTINGS, provider: 'openai', openai: { apiKey: 'sk', model: 'gpt-4.1' } }).estimateCostUsd?.(
        usage,
      ),
    ).toBe(2);
    expect(
      createCardGenerator({
        ...DEFAULT_LLM_SETTINGS,
        provider: 'anthropic',
        anthropic: { apiKey: 'ak', model: 'claude-sonnet-4-5' },
      }).estimateCostUsd?.(usage),
    ).toBe(3);
    expect(createCardGenerator(DEFAULT_LLM_SETTINGS).estimateCostUsd?.(usage)).toBe(0);
  });
});
