/**
 * Start-up step before the configuration is checked: with VAULT_ADDR (a KV v2 secret) or
 * SECRETS_MANAGER_SECRET_ID (an AWS Secrets Manager secret) set, read that secret and merge it under the
 * environment (a variable set in the environment wins), then load the configuration from the merge. Both
 * sources follow the same rules. Then the secrets *_API_KEY_ARN names are read (api-key-secrets.ts). Every
 * failure is a ConfigError naming a variable, so the commands and the Lambdas stop the same way as for a bad value.
 */
import {
  CONFIG_VARIABLES,
  ConfigError,
  loadConfig,
  processEnvironment,
  secretsManagerSchema,
  serviceEndpoint,
  toVaultSettings,
  vaultSchema,
  type Config,
} from '../config/index.js';
import type { SecretsManagerSettings } from '../infra/secrets/secrets-manager.js';
import { VaultError, readKvSecret, type VaultClientSettings } from '../infra/secrets/vault.js';
import { readApiKeySecrets } from './api-key-secrets.js';

type Env = Record<string, string | undefined>;

/** What was taken from the secret store, by name only (safe to log). */
export interface SecretsReport {
  /** Vault's API path, or the Secrets Manager secret id. */
  path: string;
  /** Variables whose value came from the secret. */
  used: string[];
  /** Keys of the secret that are not OpenDeck variables (left alone). */
  ignored: string[];
}

export interface LoadedConfig {
  config: Config;
  secrets: SecretsReport | null;
  /** API keys read from the secrets *_API_KEY_ARN names, e.g. "OPENAI_API_KEY (from OPENAI_API_KEY_ARN)". */
  apiKeySecrets: string[];
}

export interface SecretsOptions {
  /** Injectable for tests; the real one speaks Vault's HTTP API. */
  readSecret?: (settings: VaultClientSettings) => Promise<Record<string, string>>;
  /** Injectable for tests; the real one calls Secrets Manager (cached for the process). */
  readAwsSecret?: (settings: SecretsManagerSettings) => Promise<Record<string, string>>;
  timeoutMs?: number;
}

const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';
// What locates a secret store cannot come from it: it is needed to reach it.
const LOCATING = new Set(['AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SECRETS_MANAGER', 'SECRETS_MANAGER_SECRET_ID']);
const fromSecretAllowed = (name: string): boolean => CONFIG_VARIABLES.includes(name) && !name.startsWith('VAULT_') && !LOCATING.has(name);
const problems = (issues: { path: PropertyKey[]; message: string }[]) =>
  new ConfigError(issues.map((i) => `${i.path.join('.')}: ${i.message}`));

export async function loadConfigWithSecrets(
  overrides: Env = {},
  env: Env = processEnvironment(),
  options: SecretsOptions = {},
): Promise<LoadedConfig> {
  const vault = vaultSchema.safeParse(env);
  if (!vault.success) throw problems(vault.error.issues);
  const aws = secretsManagerSchema.safeParse(env);
  if (!aws.success) throw problems(aws.error.issues);
  const settings = toVaultSettings(vault.data);
  const secretId = aws.data.SECRETS_MANAGER_SECRET_ID;
  if (settings && secretId) throw new ConfigError(['SECRETS_MANAGER_SECRET_ID: and VAULT_ADDR are both set: read secrets from one store']);

  if (secretId) {
    // Loaded only when used: the AWS SDK takes tens of milliseconds to load, which every other start would pay.
    const { SecretsManagerError, readSecretsManagerSecret } = await import('../infra/secrets/secrets-manager.js');
    const read = options.readAwsSecret ?? readSecretsManagerSecret;
    const secret = await read({ secretId, region: aws.data.AWS_REGION!, endpointUrl: serviceEndpoint(aws.data, 'SECRETS_MANAGER') }).catch(
      (error: unknown) => {
        if (error instanceof SecretsManagerError) throw new ConfigError([`${error.variable}: ${error.message}`]);
        throw error;
      },
    );
    return withApiKeys(overrides, merge(overrides, env, secret, secretId, []), aws.data);
  }
  if (!settings) return withApiKeys(overrides, { env, secrets: null }, aws.data);

  const unknown = settings.required.filter((name) => !fromSecretAllowed(name));
  if (unknown.length)
    throw new ConfigError([
      `VAULT_SECRETS: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a variable' : 'are not variables'} OpenDeck can take from Vault`,
    ]);
  let secret: Record<string, string>;
  try {
    secret = await (options.readSecret ?? readKvSecret)({ ...settings, timeoutMs: options.timeoutMs });
  } catch (error) {
    if (error instanceof VaultError) throw new ConfigError([`${error.variable}: ${error.message}`]);
    throw error;
  }
  return withApiKeys(overrides, merge(overrides, env, secret, `${settings.mount}/data/${settings.path}`, settings.required), aws.data);
}

/** The API keys *_API_KEY_ARN names read in, then the whole configuration. */
async function withApiKeys(
  overrides: Env,
  merged: { env: Env; secrets: SecretsReport | null },
  location: { AWS_REGION?: string; AWS_ENDPOINT_URL?: string; AWS_ENDPOINT_URL_SECRETS_MANAGER?: string },
): Promise<LoadedConfig> {
  const endpointUrl = serviceEndpoint(location, 'SECRETS_MANAGER');
  const keys = await readApiKeySecrets(overrides, merged.env, { region: location.AWS_REGION, endpointUrl });
  return { config: loadConfig(overrides, keys.env), secrets: merged.secrets, apiKeySecrets: keys.read };
}

/** The secret under the environment and the names of `required` checked. */
function merge(
  overrides: Env,
  env: Env,
  secret: Record<string, string>,
  where: string,
  required: string[],
): { env: Env; secrets: SecretsReport } {
  const fromSecret: Env = {};
  for (const [name, value] of Object.entries(secret)) {
    if (fromSecretAllowed(name) && !isSet(env[name])) fromSecret[name] = value;
  }
  const merged: Env = { ...env, ...fromSecret };
  const missing = required.filter((name) => !isSet(overrides[name]) && !isSet(merged[name]));
  if (missing.length) {
    throw new ConfigError(
      missing.map((name) => `${name}: is required (VAULT_SECRETS) but neither the environment nor the Vault secret at ${where} has it`),
    );
  }
  return {
    env: merged,
    secrets: {
      path: where,
      used: Object.keys(fromSecret).sort(),
      ignored: Object.keys(secret)
        .filter((name) => !fromSecretAllowed(name))
        .sort(),
    },
  };
}
