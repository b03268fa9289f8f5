/**
 * Secrets from AWS Secrets Manager (a local double speaking its JSON 1.1 wire format, through the real SDK): merged
 * like Vault's, read once per process, failures named without values; and the API keys *_API_KEY_ARN names.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/index.js';
import { defaultProvider } from '../../../src/wiring/generator-registry.js';
import { loadConfigWithSecrets } from '../../../src/wiring/load-config.js';
import { clearSecretsCache } from '../../../src/infra/secrets/secrets-manager.js';
import { startSecretsManagerDouble, type SecretsManagerDouble } from '../../support/secrets-manager-double.js';

const SECRET_KEY = 'k'.repeat(40);
const OPENAI_KEY = 'sk-from-secrets-manager-123';
const OPENAI_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:opendeck/openai-AbCdEf';
const ANTHROPIC_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:opendeck/anthropic-AbCdEf';
const ARN_OPENAI_KEY = 'sk-from-the-arn-secret-0123';
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
  double.secrets.set('opendeck/prod', JSON.stringify({ SECRET_KEY, OPENAI_API_KEY: OPENAI_KEY, AWS_REGION: 'eu-west-3', UNRELATED: 'x' }));
});

const env = (extra: Record<string, string> = {}) => ({
  SECRETS_MANAGER_SECRET_ID: 'opendeck/prod',
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: double.endpoint,
  ...extra,
});

async function configError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

describe('reading secrets from Secrets Manager', () => {
  it('merges the secret under the environment, reporting names only', async () => {
    const { config, secrets } = await loadConfigWithSecrets({}, env({ OPENAI_API_KEY: 'sk-env-wins' }));
    expect(config.secretKey).toBe(SECRET_KEY);
    expect(config.ai.openai.apiKey).toBe('sk-env-wins');
    expect(config.aws.region).toBe('us-east-1'); // what locates the store cannot come from it
    expect(secrets).toEqual({ path: 'opendeck/prod', used: ['SECRET_KEY'], ignored: ['AWS_REGION', 'UNRELATED'] });
  });

  it('reads once per process (a cold start), however many times the configuration is loaded', async () => {
    await loadConfigWithSecrets({}, env());
    await loadConfigWithSecrets({}, env());
    expect(double.reads).toEqual(['opendeck/prod']);
  });

  it('does not keep a failed read: the next attempt asks again', async () => {
    double.failWith = 'InternalServiceError';
    expect(await configError(loadConfigWithSecrets({}, env()))).toMatch(
      /SECRETS_MANAGER_SECRET_ID: Secrets Manager could not be read for opendeck\/prod/,
    );
    double.failWith = undefined;
    expect((await loadConfigWithSecrets({}, env())).config.secretKey).toBe(SECRET_KEY);
  });

  it('names the variable to check for a missing secret, refused access and a secret that is no JSON object', async () => {
    expect(await configError(loadConfigWithSecrets({}, env({ SECRETS_MANAGER_SECRET_ID: 'nope' })))).toMatch(/no secret nope in us-east-1/);
    double.failWith = 'AccessDeniedException';
    expect(await configError(loadConfigWithSecrets({}, env()))).toMatch(/secretsmanager:GetSecretValue/);
    double.failWith = undefined;
    clearSecretsCache();
    double.secrets.set('opendeck/prod', `plain-text ${SECRET_KEY}`);
    const message = await configError(loadConfigWithSecrets({}, env()));
    expect(message).toMatch(/not a JSON object/);
    expect(message).not.toContain(SECRET_KEY);
  });

  it('wants a region, and one secret store rather than two', async () => {
    expect(await configError(loadConfigWithSecrets({}, { SECRETS_MANAGER_SECRET_ID: 'x' }))).toMatch(
      /AWS_REGION: is required with SECRETS_MANAGER_SECRET_ID/,
    );
    const both = env({ VAULT_ADDR: 'http://127.0.0.1:1', VAULT_TOKEN: 't', VAULT_SECRET_PATH: 'secret/data/od' });
    expect(await configError(loadConfigWithSecrets({}, both))).toMatch(/read secrets from one store/);
    expect(double.reads).toEqual([]);
  });
});

// OPENAI_API_KEY_ARN / ANTHROPIC_API_KEY_ARN: before, the ARN was ignored and generation quietly fell back offline.
describe('API keys from the secrets *_API_KEY_ARN names', () => {
  beforeEach(() => double.secrets.clear());
  const keyEnv = (extra: Record<string, string> = {}) => ({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: double.endpoint, ...extra });

  it('reads a plain-text secret as the key: generation uses OpenAI, and the log can say where the key came from', async () => {
    double.secrets.set(OPENAI_ARN, `${ARN_OPENAI_KEY}\n`);
    const loaded = await loadConfigWithSecrets({}, keyEnv({ OPENAI_API_KEY_ARN: OPENAI_ARN }));
    expect(loaded.config.ai.openai.apiKey).toBe(ARN_OPENAI_KEY);
    expect(defaultProvider(loaded.config.ai)).toBe('openai');
    expect(loaded.apiKeySecrets).toEqual(['OPENAI_API_KEY (from OPENAI_API_KEY_ARN)']);
    expect(loaded.config.notes).toEqual([]);
    expect(double.reads).toEqual([OPENAI_ARN]);
  });

  it('reads a JSON secret by the key variable name or api_key, one secret serving both providers', async () => {
    double.secrets.set('opendeck/keys', JSON.stringify({ OPENAI_API_KEY: ARN_OPENAI_KEY, ANTHROPIC_API_KEY: 'sk-ant-123' }));
    const both = await loadConfigWithSecrets({}, keyEnv({ OPENAI_API_KEY_ARN: 'opendeck/keys', ANTHROPIC_API_KEY_ARN: 'opendeck/keys' }));
    expect(both.config.ai.openai.apiKey).toBe(ARN_OPENAI_KEY);
    expect(both.config.ai.anthropic.apiKey).toBe('sk-ant-123');
    expect(double.reads).toEqual(['opendeck/keys']); // read once per process
    double.secrets.set(ANTHROPIC_ARN, JSON.stringify({ api_key: 'sk-ant-456' }));
    const anthropic = await loadConfigWithSecrets({}, keyEnv({ ANTHROPIC_API_KEY_ARN: ANTHROPIC_ARN }));
    expect(anthropic.config.ai.anthropic.apiKey).toBe('sk-ant-456');
    expect(defaultProvider(anthropic.config.ai)).toBe('anthropic');
  });

  it('leaves the secret unread when the key is set outright, and says which won', async () => {
    const loaded = await loadConfigWithSecrets({}, keyEnv({ OPENAI_API_KEY: 'sk-env', OPENAI_API_KEY_ARN: OPENAI_ARN }));
    expect(loaded.config.ai.openai.apiKey).toBe('sk-env');
    expect(loaded.config.notes).toEqual([
      'OPENAI_API_KEY and OPENAI_API_KEY_ARN are both set: OPENAI_API_KEY is used and the secret is not read',
    ]);
    expect(double.reads).toEqual([]);
  });

  it('stops the start, naming the variable, when the secret is missing, refused or holds no key', async () => {
    expect(await configError(loadConfigWithSecrets({}, keyEnv({ OPENAI_API_KEY_ARN: OPENAI_ARN })))).toMatch(
      /OPENAI_API_KEY_ARN: Secrets Manager has no secret .* Check OPENAI_API_KEY_ARN and AWS_REGION/,
    );
    double.failWith = 'AccessDeniedException';
    expect(await configError(loadConfigWithSecrets({}, keyEnv({ ANTHROPIC_API_KEY_ARN: ANTHROPIC_ARN })))).toMatch(
      /ANTHROPIC_API_KEY_ARN: Secrets Manager refused/,
    );
    double.failWith = undefined;
    double.secrets.set(OPENAI_ARN, JSON.stringify({ SOMETHING_ELSE: 'x' }));
    expect(await configError(loadConfigWithSecrets({}, keyEnv({ OPENAI_API_KEY_ARN: OPENAI_ARN })))).toMatch(
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
    double.secrets.set(OPENAI_ARN, ARN_OPENAI_KEY);
    const loaded = await loadConfigWithSecrets({}, keyEnv({ SECRETS_MANAGER_SECRET_ID: 'opendeck/prod' }));
    expect(loaded.config.ai.openai.apiKey).toBe(ARN_OPENAI_KEY);
    expect(double.reads).toEqual(['opendeck/prod', OPENAI_ARN]);
  });
});
