/**
 * Reads one KV v2 secret from HashiCorp Vault over its HTTP API (plain fetch: two calls do not justify an SDK).
 * Every failure says what went wrong and which variable to check; no message ever carries a secret's value,
 * a token or a secret id.
 */

export interface VaultClientSettings {
  address: string;
  auth: { token: string } | { roleId: string; secretId: string };
  mount: string;
  path: string;
  namespace: string | undefined;
  timeoutMs?: number;
}

export class VaultError extends Error {
  /** `variable` names the setting to check first. */
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

interface Reply {
  status: number;
  body: Record<string, unknown> | undefined;
}

/** Vault's `{"errors": [...]}`, flattened and capped: multi-error texts come with tabs and newlines. */
const vaultErrors = (body: Reply['body']): string => {
  const errors = Array.isArray(body?.errors) ? body.errors.filter((e): e is string => typeof e === 'string') : [];
  const text = errors
    .join('; ')
    .replace(/\s+/g, ' ')
    .replace(/^\d+ errors? occurred: \* /, '')
    .trim();
  return text ? `: ${text.slice(0, 200)}` : '';
};

async function call(
  settings: VaultClientSettings,
  method: 'GET' | 'POST',
  apiPath: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  const url = `${settings.address}/v1/${apiPath}`;
  const namespace: Record<string, string> = settings.namespace ? { 'X-Vault-Namespace': settings.namespace } : {};
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { ...namespace, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const reason = (error as Error).name === 'TimeoutError' ? 'timed out' : (cause?.code ?? (error as Error).message);
    throw new VaultError(
      'VAULT_ADDR',
      `Vault at ${settings.address} is unreachable (${reason}). Check VAULT_ADDR and that Vault is running and unsealed.`,
    );
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  return { status: response.status, body: parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined };
}

/** AppRole sign-in (POST /v1/auth/approle/login): the token it gives is used for the one read that follows. */
async function appRoleToken(settings: VaultClientSettings, roleId: string, secretId: string): Promise<string> {
  const reply = await call(settings, 'POST', 'auth/approle/login', {}, { role_id: roleId, secret_id: secretId });
  const token = (reply.body?.auth as { client_token?: unknown } | undefined)?.client_token;
  if (reply.status === 200 && typeof token === 'string' && token) return token;
  throw new VaultError(
    'VAULT_ROLE_ID',
    `Vault refused the AppRole sign-in (${reply.status}${vaultErrors(reply.body)}). Check VAULT_ROLE_ID and VAULT_SECRET_ID${settings.namespace ? ' and VAULT_NAMESPACE' : ''}.`,
  );
}

/** The key/value pairs of the secret's latest version, values as strings (numbers and booleans converted). */
export async function readKvSecret(settings: VaultClientSettings): Promise<Record<string, string>> {
  const token = 'token' in settings.auth ? settings.auth.token : await appRoleToken(settings, settings.auth.roleId, settings.auth.secretId);
  const apiPath = `${settings.mount}/data/${settings.path}`;
  const encoded = apiPath.split('/').map(encodeURIComponent).join('/');
  const reply = await call(settings, 'GET', encoded, { 'X-Vault-Token': token });
  const credentials = 'token' in settings.auth ? 'VAULT_TOKEN' : 'VAULT_ROLE_ID';
  if (reply.status === 403) {
    throw new VaultError(
      credentials,
      `Vault refused to read ${apiPath} (403${vaultErrors(reply.body)}). Check ${credentials === 'VAULT_TOKEN' ? 'VAULT_TOKEN' : 'the AppRole'} and that its policy grants "read" on ${apiPath}.`,
    );
  }
  const data = (reply.body?.data as { data?: unknown } | undefined)?.data;
  if (reply.status === 404) {
    // A deleted latest version is also a 404, with metadata and data: null.
    const deleted = reply.body?.data ? ' (its latest version is deleted)' : '';
    throw new VaultError(
      'VAULT_SECRET_PATH',
      `Vault has no secret at ${apiPath}${deleted}. Check VAULT_SECRET_PATH, and that ${settings.mount} is a KV version 2 engine.`,
    );
  }
  if (reply.status !== 200) {
    throw new VaultError(
      'VAULT_ADDR',
      `Vault at ${settings.address} answered ${reply.status}${vaultErrors(reply.body)} when reading ${apiPath}.`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new VaultError(
      'VAULT_SECRET_PATH',
      `Vault's answer for ${apiPath} is not a KV version 2 secret. Check that ${settings.mount} is a KV version 2 engine.`,
    );
  }
  return stringValues(apiPath, data as Record<string, unknown>);
}

function stringValues(apiPath: string, data: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') values[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
    else throw new VaultError('VAULT_SECRET_PATH', `The key ${key} of the Vault secret at ${apiPath} is not a string.`);
  }
  return values;
}
