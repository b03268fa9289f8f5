/**
 * Reads one secret from AWS Secrets Manager: a JSON object of OpenDeck variables (e.g. {"SECRET_KEY": "...",
 * "OPENAI_API_KEY": "..."}), the shape the console's "key/value" secrets have, or (readSecretText) the secret's
 * text as it is, for a secret that holds one API key (OPENAI_API_KEY_ARN). A Lambda reads it once per cold
 * start: the promise is cached per secret for the life of the process, so warm invocations make no call (and
 * pay nothing); a failed read is not cached, so the next cold start or retry tries again. Messages name the
 * setting to check, never a value.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientSettings } from '../aws/clients.js';

export interface SecretsManagerSettings extends AwsClientSettings {
  secretId: string;
  /** The variable that names the secret, for messages: SECRETS_MANAGER_SECRET_ID unless said otherwise. */
  variable?: string;
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

const cache = new Map<string, Promise<string | undefined>>();

/** For tests: forget what was read. */
export const clearSecretsCache = (): void => cache.clear();

/** The secret's SecretString (undefined for a binary secret), read once per process. */
export function readSecretText(settings: SecretsManagerSettings): Promise<string | undefined> {
  const key = `${settings.region}|${settings.endpointUrl ?? ''}|${settings.secretId}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = fetchSecretText(settings);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

async function fetchSecretText(settings: SecretsManagerSettings): Promise<string | undefined> {
  const { secretId } = settings;
  const variable = settings.variable ?? 'SECRETS_MANAGER_SECRET_ID';
  // Used once per process, so it is closed right after rather than kept like the S3 and SQS clients.
  const own = settings.client
    ? undefined
    : new SecretsManagerClient({
        region: settings.region,
        ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
      });
  const client = settings.client ?? own!;
  try {
    return (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ResourceNotFoundException')
      throw new SecretsManagerError(
        variable,
        `Secrets Manager has no secret ${secretId} in ${settings.region}. Check ${variable} and AWS_REGION.`,
      );
    if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException') {
      throw new SecretsManagerError(
        variable,
        `Secrets Manager refused to read ${secretId} (${name}). Check that the function's role may call secretsmanager:GetSecretValue on it (and kms:Decrypt on its key).`,
      );
    }
    throw new SecretsManagerError(
      variable,
      `Secrets Manager could not be read for ${secretId} (${name}). Check AWS_REGION, AWS_ENDPOINT_URL and the network.`,
    );
  } finally {
    own?.destroy();
  }
}

/** The secret as a JSON object of variables (SECRETS_MANAGER_SECRET_ID). */
export async function readSecretsManagerSecret(settings: SecretsManagerSettings): Promise<Record<string, string>> {
  const { secretId } = settings;
  const text = await readSecretText(settings);
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

/**
 * One API key from a secret that holds it (OPENAI_API_KEY_ARN): the secret's text as it is, or a JSON object
 * with the key under its variable's name (`{"OPENAI_API_KEY": "sk-..."}`, so one secret can hold several keys)
 * or under `api_key`.
 */
export async function readApiKeySecret(settings: SecretsManagerSettings & { variable: string }, keyName: string): Promise<string> {
  const text = (await readSecretText(settings))?.trim();
  let key = text;
  if (text?.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    const object = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    const value = object[keyName] ?? object.api_key;
    key = typeof value === 'string' ? value.trim() : undefined;
  }
  if (!key) {
    throw new SecretsManagerError(
      settings.variable,
      `The secret ${settings.secretId} holds no API key: store the key itself as the secret's text, or a JSON object {"${keyName}": "..."}.`,
    );
  }
  return key;
}
