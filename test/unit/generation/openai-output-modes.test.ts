/**
 * Structured output that degrades with the model: strict JSON schema, JSON mode, or the schema in the prompt,
 * chosen by the table and stepped down once per model on the server's "unsupported" answer. The real openai SDK
 * against the fake OpenAI server, which refuses what api.openai.com refuses (verbatim HTTP 400 bodies).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { OpenAiCardGenerator } from '../../../src/infra/llm/openai-card-generator.js';
import { isUnsupportedOutputMode, tableOutputMode } from '../../../src/infra/llm/openai-output-modes.js';
import { createGeneratorRegistry } from '../../../src/wiring/generator-registry.js';
import { refuseResponseFormats, startFakeOpenAi, type FakeLlmServer, type FakeLlmOptions } from '../../support/fake-llm/index.js';
import { honestCard, recordingClock, sampleRequest } from './llm-test-kit.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeLlmOptions): Promise<FakeLlmServer> {
  server = await startFakeOpenAi(options);
  return server;
}

const generator = (s: FakeLlmServer, model: string, retries: { onRetry?: (info: { reason: string }) => void } = {}) =>
  new OpenAiCardGenerator({
    apiKey: 'sk-test',
    baseURL: `${s.url}/v1`,
    model,
    temperature: 0.2,
    maxOutputTokens: 2000,
    timeoutMs: 5000,
    maxChunkChars: 12_000,
    retryPolicy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000 },
    maxMalformedAttempts: 2,
    clock: recordingClock(),
    ...retries,
  });

const formats = (s: FakeLlmServer) => s.requests.map((r) => r.body.response_format?.type ?? 'none');
const cardsJson = JSON.stringify({ cards: [honestCard] });

describe('the output mode table', () => {
  it('gives strict schema to current models, JSON mode to the turbo generation, the prompt to older ones', () => {
    for (const model of [
      'gpt-4o',
      'gpt-4o-mini-2024-07-18',
      'gpt-4o-2024-08-06',
      'gpt-4.1-nano',
      'gpt-5',
      'gpt-5-mini',
      'o1',
      'o3-mini',
      'o4-mini',
    ])
      expect(tableOutputMode(model), model).toBe('json_schema');
    for (const model of [
      'gpt-4-turbo',
      'gpt-4-turbo-2024-04-09',
      'gpt-4-1106-preview',
      'gpt-3.5-turbo',
      'gpt-3.5-turbo-1106',
      'gpt-4o-2024-05-13',
    ])
      expect(tableOutputMode(model), model).toBe('json_object');
    for (const model of ['gpt-4', 'gpt-4-0613', 'gpt-4-32k', 'gpt-3.5-turbo-0613', 'o1-mini'])
      expect(tableOutputMode(model), model).toBe('prompt');
    expect(tableOutputMode('ft:gpt-4o-mini-2024-07-18:acme::abc123')).toBe('json_schema');
  });

  it('starts an unknown model (an OpenAI-compatible server\u2019s) strict', () => {
    expect(tableOutputMode('llama3.2')).toBe('json_schema');
    expect(tableOutputMode('qwen2.5:7b-instruct')).toBe('json_schema');
  });
});

describe('recognising "unsupported"', () => {
  it('knows OpenAI\u2019s and compatible servers\u2019 answers', () => {
    const openAi = "400 Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.";
    expect(isUnsupportedOutputMode({ status: 400, message: openAi, param: 'response_format' })).toBe(true);
    expect(isUnsupportedOutputMode({ status: 400, message: '400 response_format is not supported by this server' })).toBe(true);
    expect(isUnsupportedOutputMode({ status: 400, message: '400 Unrecognized request argument supplied: response_format' })).toBe(true);
  });

  it('does not take our own bad schema, another 400, or a server error for it', () => {
    const badSchema = "400 Invalid schema for response_format 'flashcards': In context=(), 'required' is required.";
    expect(isUnsupportedOutputMode({ status: 400, message: badSchema, param: 'response_format' })).toBe(false);
    expect(isUnsupportedOutputMode({ status: 400, message: "400 'temperature' is not supported with this model." })).toBe(false);
    expect(isUnsupportedOutputMode({ status: 500, message: 'response_format is not supported' })).toBe(false);
  });
});

describe('each mode against the fake OpenAI server', () => {
  it('asks a current model for strict JSON schema, the schema not repeated in the prompt', async () => {
    const s = await start({ script: [{ kind: 'cards', cards: [honestCard] }] });
    const result = await generator(s, 'gpt-4o-mini').generate(sampleRequest);
    expect(result.cards).toEqual([honestCard]);
    expect(s.requests[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    expect(s.requests[0]!.system).not.toMatch(/JSON Schema/);
  });

  it('asks gpt-4-turbo for JSON mode with the schema in the prompt', async () => {
    const s = await start({ script: [{ kind: 'cards', cards: [honestCard] }] });
    const result = await generator(s, 'gpt-4-turbo').generate(sampleRequest);
    expect(result.cards).toEqual([honestCard]);
    expect(formats(s)).toEqual(['json_object']);
    expect(s.requests[0]!.system).toMatch(/valid against this JSON Schema:\n\{.*"required":\["cards"\]/);
  });

  it('works with OPENAI_MODEL=gpt-4 (the specification\u2019s example): no response_format, the schema in the prompt', async () => {
    const s = await start({ script: [{ kind: 'malformed', output: `Here are your flashcards:\n${cardsJson}\nGood luck!` }] });
    const config = loadConfig(
      {},
      { AI_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_MODEL: 'gpt-4' },
    );
    const result = await createGeneratorRegistry(config.ai).get().generate(sampleRequest);
    expect(result.cards).toEqual([honestCard]); // cut out of the sentence around it, then validated
    expect(formats(s)).toEqual(['none']);
    expect(s.requests[0]!.body.model).toBe('gpt-4');
    expect(s.requests[0]!.system).toMatch(/JSON Schema/);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('still validates a prompt-mode reply, and asks again when it is not the card schema', async () => {
    const s = await start({
      script: [
        { kind: 'malformed', output: 'I cannot produce JSON today.' },
        { kind: 'cards', cards: [honestCard] },
      ],
    });
    const result = await generator(s, 'gpt-4').generate(sampleRequest);
    expect(result.cards).toEqual([honestCard]);
    expect(s.requests).toHaveLength(2);
  });
});

describe('the automatic fallback on "unsupported"', () => {
  it('steps an unknown model down to JSON mode on the server\u2019s 400, once, and remembers it for the process', async () => {
    const s = await start({
      refuse: refuseResponseFormats({ 'local-json-only': ['json_schema'] }),
      fallback: { kind: 'cards', cards: [honestCard] },
    });
    const reasons: string[] = [];
    const first = generator(s, 'local-json-only', { onRetry: (info) => reasons.push(info.reason) });
    expect(first.outputMode).toBe('json_schema');
    expect((await first.generate(sampleRequest)).cards).toEqual([honestCard]);
    expect(formats(s)).toEqual(['json_schema', 'json_object']);
    expect(reasons).toEqual([expect.stringMatching(/does not support json_schema output; asking with json_object/)]);
    // Remembered: the same generator and a new one for the same model ask in JSON mode straight away.
    await first.generate(sampleRequest);
    await generator(s, 'local-json-only').generate(sampleRequest);
    expect(formats(s)).toEqual(['json_schema', 'json_object', 'json_object', 'json_object']);
    // Per model: another model on the same server still starts strict.
    s.requests.length = 0;
    await generator(s, 'local-strict-ok').generate(sampleRequest);
    expect(formats(s)).toEqual(['json_schema']);
  });

  it('steps down twice to the plain prompt when JSON mode is refused too', async () => {
    const s = await start({
      refuse: refuseResponseFormats({ 'local-plain': ['json_schema', 'json_object'] }),
      fallback: { kind: 'cards', cards: [honestCard] },
    });
    const result = await generator(s, 'local-plain').generate(sampleRequest);
    expect(result.cards).toEqual([honestCard]);
    expect(formats(s)).toEqual(['json_schema', 'json_object', 'none']);
    expect(s.requests[2]!.system).toMatch(/JSON Schema/);
  });

  it('does not spend the retry budget: a model refusing the mode still gets every transient retry', async () => {
    const s = await start({
      refuse: refuseResponseFormats({ 'local-busy': ['json_schema'] }),
      script: [
        { kind: 'error', status: 503 },
        { kind: 'error', status: 503 },
        { kind: 'cards', cards: [honestCard] },
      ],
    });
    const result = await generator(s, 'local-busy').generate(sampleRequest);
    expect(result.cards).toEqual([honestCard]);
    expect(formats(s)).toEqual(['json_schema', 'json_object', 'json_object', 'json_object']);
  });

  it('does not fall back on another 400: the error says what the server refused', async () => {
    const s = await start({
      script: [{ kind: 'error', status: 400, message: "Invalid schema for response_format 'flashcards': 'required' is required." }],
    });
    const run = generator(s, 'local-bad-schema').generate(sampleRequest);
    await expect(run).rejects.toMatchObject({
      code: 'upstream_unavailable',
      message: expect.stringMatching(/rejected the request \(HTTP 400\): Invalid schema/),
    });
    expect(formats(s)).toEqual(['json_schema']);
  });
});
