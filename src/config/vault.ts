/**
 * The Vault part of the configuration (VAULT_*). These are read before everything else, since the rest of the
 * configuration may come from Vault: src/config-secrets.ts parses them with vaultSchema, fetches the secret and
 * only then validates the whole configuration. config.ts spreads vaultVariables into its schema as well, so
 * every variable is documented and checked in one place.
 */
import { z } from 'zod';

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(emptyAsUndefined, z.string().optional());

export const vaultVariables = {
  VAULT_ADDR: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://vault.example.com:8200' }).optional(),
  ),
  VAULT_TOKEN: optionalText,
  VAULT_ROLE_ID: optionalText,
  VAULT_SECRET_ID: optionalText,
  VAULT_SECRET_PATH: optionalText,
  VAULT_NAMESPACE: optionalText,
  /** Names that must end up set (from the environment or Vault); the process stops naming any that is not. */
  VAULT_SECRETS: z
    .string()
    .default('SECRET_KEY')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ]),
};

type VaultEnv = z.output<z.ZodObject<typeof vaultVariables>>;

export function checkVault(env: VaultEnv, ctx: z.RefinementCtx): void {
  const issue = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  if (!env.VAULT_ADDR) {
    // Half a Vault setup must not quietly start without its secrets.
    for (const name of ['VAULT_SECRET_PATH', 'VAULT_ROLE_ID', 'VAULT_SECRET_ID'] as const) {
      if (env[name]) issue(name, 'is set but VAULT_ADDR is not: set VAULT_ADDR to read secrets from Vault');
    }
    return;
  }
  if (!env.VAULT_SECRET_PATH)
    issue('VAULT_SECRET_PATH', 'is required with VAULT_ADDR: the KV v2 path of the secret, e.g. secret/data/opendeck');
  else if (!kvPath(env.VAULT_SECRET_PATH))
    issue('VAULT_SECRET_PATH', 'must be <mount>/data/<path> or <mount>/<path>, e.g. secret/data/opendeck');
  if (env.VAULT_TOKEN) return; // a token wins over AppRole: it is the more specific choice
  if (!env.VAULT_ROLE_ID && !env.VAULT_SECRET_ID) {
    issue('VAULT_TOKEN', 'or VAULT_ROLE_ID and VAULT_SECRET_ID (AppRole) are required with VAULT_ADDR');
  } else if (!env.VAULT_ROLE_ID) issue('VAULT_ROLE_ID', 'is required with VAULT_SECRET_ID (AppRole sign-in)');
  else if (!env.VAULT_SECRET_ID) issue('VAULT_SECRET_ID', 'is required with VAULT_ROLE_ID (AppRole sign-in)');
}

export const vaultSchema = z.object(vaultVariables).superRefine(checkVault);

/** "secret/data/opendeck" or "secret/opendeck" -> mount "secret", path "opendeck" (KV v2 reads go to <mount>/data/<path>). */
export function kvPath(value: string): { mount: string; path: string } | null {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  const parts = trimmed.split('/');
  if (parts.length < 2 || parts.some((p) => !p || p === '.' || p === '..')) return null;
  const data = parts.indexOf('data');
  if (data > 0 && data < parts.length - 1) return { mount: parts.slice(0, data).join('/'), path: parts.slice(data + 1).join('/') };
  return { mount: parts[0]!, path: parts.slice(1).join('/') };
}

export interface VaultSettings {
  address: string;
  auth: { token: string } | { roleId: string; secretId: string };
  mount: string;
  path: string;
  namespace: string | undefined;
  /** Names that must be set once the secret is merged in. */
  required: string[];
}

/** The Vault settings from parsed VAULT_* values; null when VAULT_ADDR is not set. */
export function toVaultSettings(env: VaultEnv): VaultSettings | null {
  if (!env.VAULT_ADDR || !env.VAULT_SECRET_PATH) return null;
  const { mount, path } = kvPath(env.VAULT_SECRET_PATH)!;
  return {
    address: env.VAULT_ADDR.replace(/\/+$/, ''),
    auth: env.VAULT_TOKEN ? { token: env.VAULT_TOKEN } : { roleId: env.VAULT_ROLE_ID!, secretId: env.VAULT_SECRET_ID! },
    mount,
    path,
    namespace: env.VAULT_NAMESPACE,
    required: env.VAULT_SECRETS,
  };
}
