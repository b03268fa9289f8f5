/**
 * Start-up step before the configuration is checked: with VAULT_ADDR set, read the KV v2 secret and merge it
 * under the environment (a variable set in the environment wins), then load the configuration from the merge.
 * Every failure is a ConfigError naming a variable, so the commands stop the same way as for a bad value.
 */
import { CONFIG_VARIABLES, ConfigError, loadConfig, processEnvironment, type Config } from './config.js';
import { toVaultSettings, vaultSchema } from './config-vault.js';
import { VaultError, readKvSecret, type VaultClientSettings } from './infra/secrets/vault.js';

type Env = Record<string, string | undefined>;

/** What was taken from Vault, by name only (safe to log). */
export interface SecretsReport {
  path: string;
  /** Variables whose value came from Vault. */
  used: string[];
  /** Keys of the secret that are not OpenDeck variables (left alone). */
  ignored: string[];
}

export interface LoadedConfig {
  config: Config;
  secrets: SecretsReport | null;
}

export interface SecretsOptions {
  /** Injectable for tests; the real one speaks Vault's HTTP API. */
  readSecret?: (settings: VaultClientSettings) => Promise<Record<string, string>>;
  timeoutMs?: number;
}

const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';
// Vault's own settings cannot come from Vault: they are needed to reach it.
const fromVaultAllowed = (name: string): boolean => CONFIG_VARIABLES.includes(name) && !name.startsWith('VAULT_');

export async function loadConfigWithSecrets(overrides: Env = {}, env: Env = processEnvironment(), options: SecretsOptions = {}): Promise<LoadedConfig> {
  const parsed = vaultSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const settings = toVaultSettings(parsed.data);
  if (!settings) return { config: loadConfig(overrides, env), secrets: null };

  const unknown = settings.required.filter((name) => !fromVaultAllowed(name));
  if (unknown.length) throw new ConfigError([`VAULT_SECRETS: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a variable' : 'are not variables'} OpenDeck can take from Vault`]);

  const apiPath = `${settings.mount}/data/${settings.path}`;
  let secret: Record<string, string>;
  try {
    secret = await (options.readSecret ?? readKvSecret)({ ...settings, timeoutMs: options.timeoutMs });
  } catch (error) {
    if (error instanceof VaultError) throw new ConfigError([`${error.variable}: ${error.message}`]);
    throw error;
  }

  const fromVault: Env = {};
  for (const [name, value] of Object.entries(secret)) {
    if (fromVaultAllowed(name) && !isSet(env[name])) fromVault[name] = value;
  }
  const merged: Env = { ...env, ...fromVault };
  const missing = settings.required.filter((name) => !isSet(overrides[name]) && !isSet(merged[name]));
  if (missing.length) {
    throw new ConfigError(missing.map((name) => `${name}: is required (VAULT_SECRETS) but neither the environment nor the Vault secret at ${apiPath} has it`));
  }
  return {
    config: loadConfig(overrides, merged),
    secrets: { path: apiPath, used: Object.keys(fromVault).sort(), ignored: Object.keys(secret).filter((name) => !fromVaultAllowed(name)).sort() },
  };
}
