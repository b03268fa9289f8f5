/**
 * How an OpenAI-compatible model is asked for the card JSON, degrading with what the model supports:
 *  - `json_schema`: strict structured output (gpt-4o-2024-08-06 and later, gpt-4.1, gpt-5, the o-series);
 *  - `json_object`: JSON mode, which guarantees JSON but not its shape (gpt-4-turbo, gpt-3.5-turbo-1106+);
 *  - `prompt`: no response_format at all, the schema only in the prompt (gpt-4, gpt-3.5-turbo-0613, old servers).
 * A small table picks the first mode per model; a model the table does not know (a new OpenAI model, or
 * whatever an OpenAI-compatible server serves) starts strict. When the server answers that the mode is not
 * supported, the next mode down is used and remembered for the process, so that costs one request per model.
 * Whatever the mode, the reply is validated by the card schema like any other (structured-generation.ts).
 */
import { generatedCardsJsonSchema } from '../../core/index.js';

export const OUTPUT_MODES = ['json_schema', 'json_object', 'prompt'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** Keys match a model name exactly or as a prefix followed by "-" ("gpt-4-0613"); the longest key wins. */
const MODEL_OUTPUT_MODES: Readonly<Record<string, OutputMode>> = {
  'gpt-5': 'json_schema',
  'gpt-4.1': 'json_schema',
  'gpt-4o': 'json_schema',
  'gpt-4o-mini': 'json_schema',
  // The first gpt-4o snapshot predates structured outputs.
  'gpt-4o-2024-05-13': 'json_object',
  'chatgpt-4o-latest': 'json_object',
  o1: 'json_schema',
  o3: 'json_schema',
  o4: 'json_schema',
  'o1-mini': 'prompt',
  'o1-preview': 'prompt',
  'gpt-4-turbo': 'json_object',
  'gpt-4-1106-preview': 'json_object',
  'gpt-4-0125-preview': 'json_object',
  // The gpt-3.5-turbo alias has pointed at a JSON-mode snapshot (0125) since 2024.
  'gpt-3.5-turbo': 'json_object',
  'gpt-3.5-turbo-0613': 'prompt',
  'gpt-3.5-turbo-0301': 'prompt',
  'gpt-3.5-turbo-16k': 'prompt',
  'gpt-4': 'prompt',
  'gpt-4-32k': 'prompt',
};

/** The table's mode for a model (fine-tuned ones, "ft:gpt-4o-mini-2024-07-18:org::id", as their base model). */
export function tableOutputMode(model: string): OutputMode {
  const name = model
    .toLowerCase()
    .replace(/^ft:([^:]+):.*$/, '$1')
    .replace(/^openai\//, '');
  let best: string | null = null;
  for (const key of Object.keys(MODEL_OUTPUT_MODES)) {
    if ((name === key || name.startsWith(`${key}-`)) && (!best || key.length > best.length)) best = key;
  }
  return best ? MODEL_OUTPUT_MODES[best]! : 'json_schema';
}

/** Modes learned from "unsupported" answers, per server and model, for the life of the process. */
const learned = new Map<string, OutputMode>();
const keyOf = (baseURL: string, model: string) => `${baseURL} ${model}`;

/** The mode to ask in: what the server taught us for this model, else the table's. */
export function outputModeFor(baseURL: string, model: string): OutputMode {
  return learned.get(keyOf(baseURL, model)) ?? tableOutputMode(model);
}

/**
 * Records that `refused` is not supported and returns the mode to use instead, or null when there is none
 * left below it. A concurrent request that already stepped further down keeps the lower mode.
 */
export function stepDownOutputMode(baseURL: string, model: string, refused: OutputMode): OutputMode | null {
  const current = outputModeFor(baseURL, model);
  if (OUTPUT_MODES.indexOf(current) > OUTPUT_MODES.indexOf(refused)) return current;
  const next = OUTPUT_MODES[OUTPUT_MODES.indexOf(refused) + 1];
  if (!next) return null;
  learned.set(keyOf(baseURL, model), next);
  return next;
}

/**
 * True for the provider's answer that a response_format is not supported, e.g. OpenAI's HTTP 400
 * "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model." or a
 * compatible server's "response_format is not supported". A 400 about our schema itself is not one.
 */
export function isUnsupportedOutputMode(error: { status?: number; message?: string; param?: string | null }): boolean {
  if (error.status !== 400) return false;
  const message = error.message ?? '';
  const aboutFormat = error.param === 'response_format' || /response_format|json_schema|json_object|structured output/i.test(message);
  return aboutFormat && /not supported|unsupported|does not support|doesn't support|not available|unrecognized|unknown/i.test(message);
}

const SCHEMA_TEXT = JSON.stringify((({ $schema: _ignored, ...schema }) => schema)(generatedCardsJsonSchema()));

/**
 * The system prompt for a mode. Strict mode hands the schema to the API; the other modes carry it in the
 * prompt, since nothing else tells the model the exact shape (JSON mode needs the word "JSON" there, too).
 */
export function systemPromptFor(mode: OutputMode, system: string): string {
  if (mode === 'json_schema') return system;
  return `${system}\n\nThe reply must be a single JSON object, with no text before or after it, valid against this JSON Schema:\n${SCHEMA_TEXT}`;
}

/**
 * Without JSON mode a model may still put a sentence around the object ("Here are your cards: {...}"): the
 * object is cut out of the text. The result is validated like any reply; a text with no object stays as it is.
 */
export function replyTextFor(mode: OutputMode, content: string): string {
  if (mode !== 'prompt') return content;
  const text = content.trim();
  if (text.startsWith('{') || text.startsWith('`')) return content;
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? text.slice(start, end + 1) : content;
}
