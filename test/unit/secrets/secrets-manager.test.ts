/** Secrets from AWS Secrets Manager: merged like Vault's, read once per process, failures named without values. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/index.js';
import { loadConfigWithSecrets } from '../../../src/wiring/load-config.js';
import { clearSecretsCache } from '../../../src/infra/secrets/secrets-manager.js';
import { startSecretsManagerDouble, type SecretsManagerDouble } from '../../support/secrets-manager-double.js';

const SECRET_KEY = 'k'.repeat(40);
const OPENAI_KEY = 'sk-from-secrets-manager-123';
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
