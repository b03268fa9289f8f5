/** Secrets from Vault at start: token and AppRole sign-in, merge rules, and every way it can fail. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/index.js';
import { loadConfigWithSecrets } from '../../../src/wiring/load-config.js';
import { closedPort } from '../../support/oidc-issuer.js';
import { startVaultDouble, type VaultDouble } from '../../support/vault-double.js';

const SECRET_KEY = 'vault-signing-key-0123456789-abcdefghijklmnop';
const OPENAI_KEY = 'sk-vault-openai-9f8e7d6c5b4a';
const TOKEN = 'hvs.test-token-4b1f2e';
const ROLE_ID = 'role-5d1c';
const SECRET_ID = 'secret-id-77aa21';
/** Everything that must never appear in a message. */
const SENSITIVE = [SECRET_KEY, OPENAI_KEY, TOKEN, ROLE_ID, SECRET_ID, 'postgres://od:db-password-31@db:5432/od', 'db-password-31'];

let vault: VaultDouble;
const messages: string[] = [];

beforeAll(async () => {
  vault = await startVaultDouble();
});
afterAll(async () => {
  await vault.close();
});
beforeEach(() => {
  vault.secrets.clear();
  vault.secrets.set('secret/opendeck', {
    SECRET_KEY,
    OPENAI_API_KEY: OPENAI_KEY,
    DATABASE_URL: 'postgres://od:db-password-31@db:5432/od',
    UNRELATED: 'x',
    VAULT_ADDR: 'http://elsewhere',
  });
  vault.tokens.clear();
  vault.tokens.add(TOKEN);
  vault.appRoles.set(ROLE_ID, SECRET_ID);
  vault.namespace = undefined;
  vault.sealed = false;
  vault.requests.length = 0;
});

const withToken = (extra: Record<string, string> = {}) => ({
  VAULT_ADDR: vault.address,
  VAULT_TOKEN: TOKEN,
  VAULT_SECRET_PATH: 'secret/data/opendeck',
  ...extra,
});

async function failure(env: Record<string, string | undefined>): Promise<string> {
  const error = await loadConfigWithSecrets({}, env, { timeoutMs: 2000 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const text = (error as ConfigError).message;
  messages.push(text);
  return text;
}

describe('reading secrets from Vault', () => {
  it('with a token: Vault fills what the environment lacks; other keys and VAULT_* keys are left alone', async () => {
    const { config, secrets } = await loadConfigWithSecrets({}, withToken());
    expect(config.secretKey).toBe(SECRET_KEY);
    expect(config.ai.openai.apiKey).toBe(OPENAI_KEY);
    expect(config.database).toMatchObject({ url: 'postgres://od:db-password-31@db:5432/od' });
    expect(secrets).toEqual({
      path: 'secret/data/opendeck',
      used: ['DATABASE_URL', 'OPENAI_API_KEY', 'SECRET_KEY'],
      ignored: ['UNRELATED', 'VAULT_ADDR'],
    });
    expect(vault.requests).toHaveLength(1);
    expect(vault.requests[0]).toMatchObject({ method: 'GET', path: '/v1/secret/data/opendeck', headers: { 'x-vault-token': TOKEN } });
  });

  it('the environment wins over Vault; an empty variable counts as unset', async () => {
    const { config, secrets } = await loadConfigWithSecrets({}, withToken({ SECRET_KEY: 'e'.repeat(40), OPENAI_API_KEY: '' }));
    expect(config.secretKey).toBe('e'.repeat(40));
    expect(config.ai.openai.apiKey).toBe(OPENAI_KEY);
    expect(secrets?.used).toEqual(['DATABASE_URL', 'OPENAI_API_KEY']);
  });

  it('with AppRole: signs in, then reads with the token it got; the namespace goes on both requests', async () => {
    vault.namespace = 'team-a';
    const env = {
      VAULT_ADDR: vault.address,
      VAULT_ROLE_ID: ROLE_ID,
      VAULT_SECRET_ID: SECRET_ID,
      VAULT_SECRET_PATH: 'secret/opendeck',
      VAULT_NAMESPACE: 'team-a',
    };
    const { config } = await loadConfigWithSecrets({}, env);
    expect(config.secretKey).toBe(SECRET_KEY);
    expect(vault.requests.map((r) => `${r.method} ${r.path} ${r.headers['x-vault-namespace']}`)).toEqual([
      'POST /v1/auth/approle/login team-a',
      'GET /v1/secret/data/opendeck team-a',
    ]);
    expect(String(vault.requests[1]!.headers['x-vault-token'])).toMatch(/^hvs\./);
  });

  it('without VAULT_ADDR nothing is fetched', async () => {
    const { secrets } = await loadConfigWithSecrets({}, { SECRET_KEY: 's'.repeat(32) });
    expect(secrets).toBeNull();
    expect(vault.requests).toHaveLength(0);
  });
});

describe('stopping before start', () => {
  it('Vault unreachable names VAULT_ADDR', async () => {
    const address = `http://127.0.0.1:${await closedPort()}`;
    expect(await failure({ ...withToken(), VAULT_ADDR: address })).toContain(
      `VAULT_ADDR: Vault at ${address} is unreachable (ECONNREFUSED)`,
    );
  });

  it('a refused token, a refused AppRole, and a sealed Vault', async () => {
    expect(await failure(withToken({ VAULT_TOKEN: 'hvs.revoked' }))).toContain(
      'VAULT_TOKEN: Vault refused to read secret/data/opendeck (403: permission denied)',
    );
    const appRole = { VAULT_ADDR: vault.address, VAULT_ROLE_ID: ROLE_ID, VAULT_SECRET_ID: 'wrong', VAULT_SECRET_PATH: 'secret/opendeck' };
    expect(await failure(appRole)).toContain(
      'VAULT_ROLE_ID: Vault refused the AppRole sign-in (400: invalid role or secret ID). Check VAULT_ROLE_ID and VAULT_SECRET_ID.',
    );
    vault.namespace = 'team-a';
    expect(await failure(withToken())).toContain('(403: permission denied)');
    vault.sealed = true;
    expect(await failure(withToken())).toContain('answered 503: Vault is sealed');
  });

  it('a path with no secret, or whose latest version is deleted, names VAULT_SECRET_PATH', async () => {
    expect(await failure(withToken({ VAULT_SECRET_PATH: 'secret/data/nope' }))).toContain(
      'VAULT_SECRET_PATH: Vault has no secret at secret/data/nope.',
    );
    vault.secrets.set('secret/gone', null);
    expect(await failure(withToken({ VAULT_SECRET_PATH: 'secret/gone' }))).toContain('(its latest version is deleted)');
  });

  it('a secret named in VAULT_SECRETS that neither source has is named', async () => {
    vault.secrets.set('secret/opendeck', { SECRET_KEY });
    const text = await failure(withToken({ VAULT_SECRETS: 'SECRET_KEY,DATABASE_URL,ANTHROPIC_API_KEY' }));
    expect(text).toContain(
      'DATABASE_URL: is required (VAULT_SECRETS) but neither the environment nor the Vault secret at secret/data/opendeck has it',
    );
    expect(text).toContain('ANTHROPIC_API_KEY: is required');
    expect(text).not.toContain('SECRET_KEY: is required');
    expect(await failure(withToken({ VAULT_SECRETS: 'SECRET_KEY,NOT_A_SETTING' }))).toContain(
      'VAULT_SECRETS: NOT_A_SETTING is not a variable OpenDeck can take from Vault',
    );
  });

  it('a bad value from Vault is reported by name, without the value', async () => {
    vault.secrets.set('secret/opendeck', { SECRET_KEY: 'short-secret-value', DATABASE_URL: 'mysql://u:db-password-31@h/d' });
    const text = await failure(withToken());
    expect(text).toContain('SECRET_KEY: must be at least 32 characters');
    expect(text).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(text).not.toContain('short-secret-value');
    vault.secrets.set('secret/opendeck', { SECRET_KEY: { nested: SECRET_KEY } });
    expect(await failure(withToken())).toContain('The key SECRET_KEY of the Vault secret at secret/data/opendeck is not a string');
  });
});

describe('what the messages say', () => {
  it('no failure message above carries a secret value, a token or a secret id', () => {
    expect(messages.length).toBeGreaterThanOrEqual(10);
    for (const message of messages) for (const value of SENSITIVE) expect(message).not.toContain(value);
  });
});
