/**
 * OPENAI_API_KEY_ARN / ANTHROPIC_API_KEY_ARN: read from Secrets Manager (a local double speaking its JSON 1.1 wire
 * format, through the real SDK) at start. Before, the ARN was ignored and generation quietly fell back offline.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/index.js';
import { clearSecretsCache } from '../../../src/infra/secrets/secrets-manager.js';
import { defaultProvider } from '../../../src/wiring/generator-registry.js';
import { loadConfigWithSecrets } from '../../../src/wiring/load-config.js';
import { startSecretsManagerDouble, type SecretsManagerDouble } from '../../support/secrets-manager-double.js';

const OPENAI_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:opendeck/openai-AbCdEf';
const ANTHROPIC_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:opendeck/anthropic-AbCdEf';
const OPENAI_KEY = 'sk-from-the-arn-secret-0123';
let double: SecretsManagerDouble;

beforeAll(async () => {
  // The SDK's default credential chain reads these (the configuration module never does).
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  double = await startSecretsManagerDouble();
});
afterAll(async () => double?.close());
beforeEach(() => {
  clearSecretsCache();
  double.reads.length = 0;
  double.failWith = undefined;
  double.secrets.clear();
});

const env = (extra: Record<string, string> = {}) => ({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: double.endpoint, ...extra });

async function configError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

describe('API keys from the secrets *_API_KEY_ARN names', () => {
  it('reads a plain-text secret as the key: generation uses OpenAI, and the log can say where the key came from', async () => {
    double.secrets.set(OPENAI_ARN, `${OPENAI_KEY}\n`);
    const loaded = await loadConfigWithSecrets({}, env({ OPENAI_API_KEY_ARN: OPENAI_ARN }));
    expect(loaded.config.ai.openai.apiKey).toBe(OPENAI_KEY);
    expect(defaultProvider(loaded.config.ai)).toBe('openai');
    expect(loaded.apiKeySecrets).toEqual(['OPENAI_API_KEY (from OPENAI_API_KEY_ARN)']);
    expect(loaded.config.notes).toEqual([]);
    expect(double.reads).toEqual([OPENAI_ARN]);
  });

  it('reads a JSON secret by the key variable name or api_key, one secret serving both providers', async () => {
    double.secrets.set('opendeck/keys', JSON.stringify({ OPENAI_API_KEY: OPENAI_KEY, ANTHROPIC_API_KEY: 'sk-ant-123' }));
    const both = await loadConfigWithSecrets({}, env({ OPENAI_API_KEY_ARN: 'opendeck/keys', ANTHROPIC_API_KEY_ARN: 'opendeck/keys' }));
    expect(both.config.ai.openai.apiKey).toBe(OPENAI_KEY);
    expect(both.config.ai.anthropic.apiKey).toBe('sk-ant-123');
    expect(double.reads).toEqual(['opendeck/keys']); // read once per process
    double.secrets.set(ANTHROPIC_ARN, JSON.stringify({ api_key: 'sk-ant-456' }));
    const anthropic = await loadConfigWithSecrets({}, env({ ANTHROPIC_API_KEY_ARN: ANTHROPIC_ARN }));
    expect(anthropic.config.ai.anthropic.apiKey).toBe('sk-ant-456');
    expect(defaultProvider(anthropic.config.ai)).toBe('anthropic');
  });

  it('leaves the secret unread when the key is set outright, and says which won', async () => {
    const loaded = await loadConfigWithSecrets({}, env({ OPENAI_API_KEY: 'sk-env', OPENAI_API_KEY_ARN: OPENAI_ARN }));
    expect(loaded.config.ai.openai.apiKey).toBe('sk-env');
    expect(loaded.config.notes).toEqual([
      'OPENAI_API_KEY and OPENAI_API_KEY_ARN are both set: OPENAI_API_KEY is used and the secret is not read',
    ]);
    expect(double.reads).toEqual([]);
  });

  it('stops the start, naming the variable, when the secret is missing, refused or holds no key', async () => {
    expect(await configError(loadConfigWithSecrets({}, env({ OPENAI_API_KEY_ARN: OPENAI_ARN })))).toMatch(
      /OPENAI_API_KEY_ARN: Secrets Manager has no secret .* Check OPENAI_API_KEY_ARN and AWS_REGION/,
    );
    double.failWith = 'AccessDeniedException';
    expect(await configError(loadConfigWithSecrets({}, env({ ANTHROPIC_API_KEY_ARN: ANTHROPIC_ARN })))).toMatch(
      /ANTHROPIC_API_KEY_ARN: Secrets Manager refused/,
    );
    double.failWith = undefined;
    double.secrets.set(OPENAI_ARN, JSON.stringify({ SOMETHING_ELSE: 'x' }));
    expect(await configError(loadConfigWithSecrets({}, env({ OPENAI_API_KEY_ARN: OPENAI_ARN })))).toMatch(
      /OPENAI_API_KEY_ARN: The secret .* holds no API key: .*\{"OPENAI_API_KEY": "\.\.\."\}/,
    );
  });

  it('wants a region to read it', async () => {
    expect(await configError(loadConfigWithSecrets({}, { OPENAI_API_KEY_ARN: OPENAI_ARN }))).toMatch(
      /AWS_REGION: is required with OPENAI_API_KEY_ARN/,
    );
    expect(double.reads).toEqual([]);
  });

  it('is read after the SECRETS_MANAGER_SECRET_ID secret, which may hold the ARN', async () => {
    double.secrets.set('opendeck/prod', JSON.stringify({ SECRET_KEY: 'k'.repeat(40), OPENAI_API_KEY_ARN: OPENAI_ARN }));
    double.secrets.set(OPENAI_ARN, OPENAI_KEY);
    const loaded = await loadConfigWithSecrets({}, env({ SECRETS_MANAGER_SECRET_ID: 'opendeck/prod' }));
    expect(loaded.config.ai.openai.apiKey).toBe(OPENAI_KEY);
    expect(double.reads).toEqual(['opendeck/prod', OPENAI_ARN]);
  });
});
