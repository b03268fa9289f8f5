/**
 * Estimated cost of a generation, from list prices in USD per million tokens. Prices change: this is an
 * estimate for budgets and dashboards, not billing. Unknown models give null rather than a wrong number.
 */
import type { TokenUsage } from '../../core/index.js';

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Keys match a model name exactly or as a prefix ("gpt-4o-mini-2024-07-18"); the longest key wins. */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
  'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'claude-sonnet-4': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-3-5-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-3-7-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-opus-4': { inputPerMillion: 15, outputPerMillion: 75 },
  'claude-opus-4-5': { inputPerMillion: 5, outputPerMillion: 25 },
  'extractive-v1': { inputPerMillion: 0, outputPerMillion: 0 },
};

/**
 * A Bedrock model id as the model it serves: "arn:...:inference-profile/eu.anthropic.claude-sonnet-4-5-..." and
 * "global.anthropic.claude-haiku-4-5-20251001-v1:0" are priced as "claude-..." (at the provider's list price; a
 * regional inference profile may cost a little more).
 */
const bedrockModelName = (model: string) =>
  model
    .replace(/^arn:[^/]+\//, '')
    .replace(/^(global|us|us-gov|eu|apac|jp|au|ca)\./, '')
    .replace(/^anthropic\./, '');

export function priceOf(model: string): ModelPrice | null {
  const name = bedrockModelName(model.toLowerCase());
  let best: string | null = null;
  for (const key of Object.keys(MODEL_PRICES)) {
    if ((name === key || name.startsWith(`${key}-`)) && (!best || key.length > best.length)) best = key;
  }
  return best ? MODEL_PRICES[best]! : null;
}

/** USD, rounded to a millionth of a dollar; null for a model with no known price. */
export function estimateCostUsd(model: string, usage: TokenUsage): number | null {
  const price = priceOf(model);
  if (!price) return null;
  const cost = (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}
