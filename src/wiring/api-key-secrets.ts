/**
 * OPENAI_API_KEY_ARN and ANTHROPIC_API_KEY_ARN, the specification's way of handing API keys to the functions:
 * each names a Secrets Manager secret holding one key. When the key itself is not set, the secret is read at start
 * (once per process, like SECRETS_MANAGER_SECRET_ID's) and the key joins the environment the configuration is
 * loaded from, so a missing or unreadable secret stops the start instead of generation quietly going offline.
 */
import { API_KEY_SECRETS, ConfigError } from '../config/index.js';

type Env = Record<string, string | undefined>;

const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

export interface ApiKeySecrets {
  /** `env` with each key read in. */
  env: Env;
  /** "OPENAI_API_KEY (from OPENAI_API_KEY_ARN)" for each key read: names only, for the start-up log. */
  read: string[];
}

export async function readApiKeySecrets(
  overrides: Env,
  env: Env,
  location: { region: string | undefined; endpointUrl: string | undefined },
): Promise<ApiKeySecrets> {
  const wanted = API_KEY_SECRETS.filter(({ arn, key }) => isSet(env[arn]) && !isSet(overrides[key]) && !isSet(env[key]));
  if (wanted.length === 0) return { env, read: [] };
  if (!location.region) {
    throw new ConfigError(wanted.map(({ arn }) => `AWS_REGION: is required with ${arn} (Lambda sets it by itself)`));
  }
  // Loaded only when used, as in load-config.ts: the AWS SDK is slow to load.
  const { SecretsManagerError, readApiKeySecret } = await import('../infra/secrets/secrets-manager.js');
  const next: Env = { ...env };
  try {
    for (const { arn, key } of wanted) {
      const settings = { secretId: env[arn]!.trim(), variable: arn, region: location.region, endpointUrl: location.endpointUrl };
      next[key] = await readApiKeySecret(settings, key);
      // Resolved: the configuration sees the key alone (nameNotes would otherwise report both names as set).
      next[arn] = undefined;
    }
  } catch (error) {
    if (error instanceof SecretsManagerError) throw new ConfigError([`${error.variable}: ${error.message}`]);
    throw error;
  }
  return { env: next, read: wanted.map(({ arn, key }) => `${key} (from ${arn})`) };
}
