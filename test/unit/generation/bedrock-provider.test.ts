/**
 * What only Bedrock has, beyond the shared provider contract (llm-providers.test.ts): its exception names
 * (ThrottlingException, ModelNotReadyException, ValidationException...) mapped to retries and clear errors, the
 * SDK's default credential chain, a process-wide AWS_ENDPOINT_URL that must not capture model calls, and cost.
 * The real @aws-sdk/client-bedrock-runtime against the fake Converse server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { BedrockCardGenerator } from '../../../src/infra/llm/bedrock-card-generator.js';
import { estimateCostUsd } from '../../../src/infra/llm/model-prices.js';
import { createGeneratorRegistry } from '../../../src/wiring/generator-registry.js';
import { converseModelId, startFakeBedrock, startFakeOpenAi, type FakeLlmServer } from '../../support/fake-llm/index.js';
import { honestCard, recordingClock, sampleRequest, useFakeAwsCredentials } from './llm-test-kit.js';

const MODEL = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';
let server: FakeLlmServer;

const make = (o: { endpoint?: string | null; maxAttempts?: number; timeoutMs?: number } = {}) =>
  new BedrockCardGenerator({
    modelId: MODEL,
    region: 'us-east-1',
    ...(o.endpoint === null ? {} : { endpoint: o.endpoint ?? server.url }),
    temperature: null,
    maxOutputTokens: 1500,
    timeoutMs: o.timeoutMs ?? 5000,
    maxChunkChars: 12_000,
    retryPolicy: { maxAttempts: o.maxAttempts ?? 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000 },
    maxMalformedAttempts: 2,
    clock: recordingClock(),
  });

beforeAll(async () => {
  useFakeAwsCredentials();
  server = await startFakeBedrock();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

describe('Bedrock provider', () => {
  it('signs with the default credential chain, omits a null temperature and records usage and cost', async () => {
    server.script([{ kind: 'cards', cards: [honestCard] }]);
    const generator = make();
    const result = await generator.generate(sampleRequest);
    expect(result.cards).toEqual([honestCard]);
    const request = server.requests[0]!;
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKEFAKE\/\d{8}\/us-east-1\/bedrock\/aws4_request/,
    );
    expect(request.body.inferenceConfig).toEqual({ maxTokens: 1500 });
    expect(result.usage.inputTokens).toBe(Math.ceil((request.system + request.user).length / 4));
    // Claude Haiku 4.5 behind a cross-region inference profile is priced as Claude Haiku 4.5 ($1 / $5 per million).
    expect(generator.estimateCostUsd({ inputTokens: 1_000_000, outputTokens: 100_000 })).toBe(1.5);
  });

  it('retries ThrottlingException and ModelNotReadyException, then succeeds', async () => {
    server.script([
      { kind: 'error', status: 429, message: 'Too many requests, please wait before trying again.' },
      { kind: 'error', status: 429, type: 'ModelNotReadyException', message: 'Model is not ready.' },
      { kind: 'cards', cards: [honestCard] },
    ]);
    const reasons: string[] = [];
    const result = await make().generate({ ...sampleRequest, onRetry: (info) => reasons.push(info.reason) });
    expect(result.cards).toEqual([honestCard]);
    expect(reasons).toEqual(['rate limited (HTTP 429, ThrottlingException)', 'the model is not ready (HTTP 429, ModelNotReadyException)']);
  });

  it('gives up on a service that stays unavailable with upstream_unavailable', async () => {
    server.script([], { kind: 'error', status: 503, message: 'Bedrock is unable to process your request.' });
    await expect(make().generate(sampleRequest)).rejects.toMatchObject({
      code: 'upstream_unavailable',
      message: expect.stringMatching(/unavailable: the service is unavailable \(HTTP 503, ServiceUnavailableException\) \(3 attempts\)/),
    });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a ValidationException and says what to check', async () => {
    const onDemand =
      'Invocation of model ID anthropic.claude-haiku-4-5-20251001-v1:0 with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.';
    server.script([{ kind: 'error', status: 400, message: onDemand }]);
    await expect(make().generate(sampleRequest)).rejects.toMatchObject({
      code: 'upstream_unavailable',
      message: expect.stringMatching(/rejected the request \(ValidationException\): Invocation of model ID .* Check BEDROCK_MODEL_ID/),
    });
    expect(server.requests).toHaveLength(1);
  });

  it('names the IAM permission when access is denied', async () => {
    server.script([{ kind: 'error', status: 403, message: 'You don\u2019t have access to the model with the specified model ID.' }]);
    await expect(make().generate(sampleRequest)).rejects.toMatchObject({
      message: expect.stringMatching(/refused access \(AccessDeniedException\).*bedrock:InvokeModel/),
    });
    expect(server.requests).toHaveLength(1);
  });

  it('reads a text reply as the JSON it may be, and validates it like a tool call', async () => {
    server.script([{ kind: 'malformed', output: JSON.stringify({ cards: [honestCard] }) }]);
    expect((await make().generate(sampleRequest)).cards).toEqual([honestCard]);
  });

  it('never sends model calls to AWS_ENDPOINT_URL, which points the other AWS clients at local emulators', async () => {
    const emulator = await startFakeOpenAi();
    vi.stubEnv('AWS_ENDPOINT_URL', emulator.url);
    try {
      server.script([{ kind: 'cards', cards: [honestCard] }]);
      await make().generate(sampleRequest);
      expect(server.requests).toHaveLength(1); // the configured endpoint wins
      // Without one, the region's own endpoint is called (unreachable here), never the emulator.
      await expect(make({ endpoint: null, maxAttempts: 1, timeoutMs: 3000 }).generate(sampleRequest)).rejects.toMatchObject({
        code: 'upstream_unavailable',
      });
      expect(emulator.requests).toHaveLength(0);
    } finally {
      vi.stubEnv('AWS_ENDPOINT_URL', '');
      await emulator.close();
    }
  });
});

describe('Bedrock from the configuration', () => {
  it('runs AI_PROVIDER=bedrock as configured, a request\u2019s own model included', async () => {
    const env = { AI_PROVIDER: 'bedrock', AWS_REGION: 'eu-central-1', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.url };
    const registry = createGeneratorRegistry(loadConfig({}, env).ai);
    server.script([
      { kind: 'cards', cards: [honestCard] },
      { kind: 'cards', cards: [honestCard] },
    ]);
    const generator = registry.get();
    expect(generator).toMatchObject({ provider: 'bedrock', model: MODEL });
    expect((await generator.generate(sampleRequest)).cards).toEqual([honestCard]);
    await registry.get('bedrock', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0').generate(sampleRequest);
    expect(server.requests.map(converseModelId)).toEqual([MODEL, 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0']);
    expect(server.requests[0]!.headers.authorization).toMatch(/\/eu-central-1\/bedrock\/aws4_request/);
  });

  it('refuses a request for Bedrock on a server with no AWS region', () => {
    const registry = createGeneratorRegistry(loadConfig({}, {}).ai);
    expect(() => registry.get('bedrock')).toThrow(/not configured on this server/);
  });
});

describe('Bedrock model prices', () => {
  it('prices a Bedrock model id, inference profile or ARN as its model', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 0 };
    expect(estimateCostUsd('anthropic.claude-haiku-4-5-20251001-v1:0', usage)).toBe(1);
    expect(estimateCostUsd('eu.anthropic.claude-sonnet-4-5-20250929-v1:0', usage)).toBe(3);
    expect(
      estimateCostUsd('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-5-20251101-v1:0', usage),
    ).toBe(5);
    expect(estimateCostUsd('meta.llama3-70b-instruct-v1:0', usage)).toBeNull();
  });
});
