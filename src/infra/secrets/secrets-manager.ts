/**
 * Reads one secret from AWS Secrets Manager: a JSON object of OpenDeck variables (e.g. {"SECRET_KEY": "...",
 * "OPENAI_API_KEY": "..."}), the shape the console's "key/value" secrets have. A Lambda reads it once per cold
 * start: the promise is cached per secret for the life of the process, so warm invocations make no call (and
 * pay nothing); a failed read is not cached, so the next cold start or retry tries again. Messages name the
 * setting to check, never a value.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientSettings } from '../aws/clients.js';

export interface SecretsManagerSettings extends AwsClientSettings {
  secretId: string;
  /** Injectable for tests; a client for the settings' region otherwise. */
  client?: Pick<SecretsManagerClient, 'send'>;
}

export class SecretsManagerError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'SecretsManagerError';
  }
}

const cache = new Map<string, Promise<Record<string, string>>>();

/** For tests: forget what was read. */
export const clearSecretsCache = (): void => cache.clear();

export function readSecretsManagerSecret(settings: SecretsManagerSettings): Promise<Record<string, string>> {
  const key = `${settings.region}|${settings.endpointUrl ?? ''}|${settings.secretId}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = fetchSecret(settings);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

async function fetchSecret(settings: SecretsManagerSettings): Promise<Record<string, string>> {
  const { secretId } = settings;
  // Used once per process, so it is closed right after rather than kept like the S3 and SQS clients.
  const own = settings.client
    ? undefined
    : new SecretsManagerClient({
        region: settings.region,
        ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
      });
  const client = settings.client ?? own!;
  let text: string | undefined;
  try {
    text = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ResourceNotFoundException')
      throw new SecretsManagerError(
        'SECRETS_MANAGER_SECRET_ID',
        `Secrets Manager has no secret ${secretId} in ${settings.region}. Check SECRETS_MANAGER_SECRET_ID and AWS_REGION.`,
      );
    if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException') {
      throw new SecretsManagerError(
        'SECRETS_MANAGER_SECRET_ID',
        `Secrets Manager refused to read ${secretId} (${name}). Check that the function's role may call secretsmanager:GetSecretValue on it (and kms:Decrypt on its key).`,
      );
    }
    throw new SecretsManagerError(
      'SECRETS_MANAGER_SECRET_ID',
      `Secrets Manager could not be read for ${secretId} (${name}). Check AWS_REGION, AWS_ENDPOINT_URL and the network.`,
    );
  } finally {
    own?.destroy();
  }
  let data: unknown;
  try {
    data = text === undefined ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new SecretsManagerError(
      'SECRETS_MANAGER_SECRET_ID',
      `The secret ${secretId} is not a JSON object of variables (store it as key/value pairs, e.g. {"SECRET_KEY": "..."}).`,
    );
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    if (typeof value === 'string') values[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[name] = String(value);
    else throw new SecretsManagerError('SECRETS_MANAGER_SECRET_ID', `The key ${name} of the secret ${secretId} is not a string.`);
  }
  return values;
}
