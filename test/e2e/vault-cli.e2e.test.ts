/** `opendeck serve` with its secrets in Vault: refuses to start without them, starts with them, logs no value. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../support/oidc-issuer.js';
import { createTestDatabase } from '../support/postgres.js';
import { spawnServer } from '../support/spawn-server.js';
import { startVaultDouble, type VaultDouble } from '../support/vault-double.js';

const CLI = ['--import', 'tsx', path.resolve('src/bin/cli.ts')];
const SECRET_KEY = 'cli-vault-signing-key-0123456789-abcdefghij';
const TOKEN = 'hvs.cli-token-81c3';

let vault: VaultDouble;
let dataDir: string;
beforeAll(async () => {
  vault = await startVaultDouble();
  vault.tokens.add(TOKEN);
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-vault-cli-'));
});
afterAll(async () => {
  await vault.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The variables a developer's shell might have are blanked, so only Vault can provide them. */
const env = (extra: Record<string, string>) => ({
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  SECRET_KEY: '',
  REDIS_URL: '',
  LOG_LEVEL: 'info',
  VAULT_ADDR: vault.address,
  VAULT_TOKEN: TOKEN,
  VAULT_SECRET_PATH: 'secret/data/opendeck',
  VAULT_SECRETS: 'SECRET_KEY,DATABASE_URL',
  ...extra,
});
/** Asynchronous on purpose: the Vault double lives in this process and must keep answering meanwhile. */
const serveOnce = (extra: Record<string, string>) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [...CLI, 'serve', '--port', '0'],
      { env: { ...process.env, ...env(extra) }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });

describe('opendeck serve with VAULT_ADDR', () => {
  it('a secret missing from Vault stops it before it starts, naming the secret and no value', async () => {
    vault.secrets.set('secret/opendeck', { SECRET_KEY });
    const run = await serveOnce({});
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(
      'DATABASE_URL: is required (VAULT_SECRETS) but neither the environment nor the Vault secret at secret/data/opendeck has it',
    );
    expect(run.stdout + run.stderr).not.toContain(SECRET_KEY);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('Vault unreachable stops it with the address to check', async () => {
    const address = `http://127.0.0.1:${await closedPort()}`;
    const run = await serveOnce({ VAULT_ADDR: address });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(`VAULT_ADDR: Vault at ${address} is unreachable (ECONNREFUSED)`);
  });

  it('starts on the PostgreSQL server Vault names, and logs which names came from Vault but no value', async (ctx) => {
    const database = await createTestDatabase();
    if (!database) return ctx.skip();
    vault.secrets.set('secret/opendeck', { SECRET_KEY, DATABASE_URL: database.url, EXTRA: 'ignored' });
    const server = await spawnServer([...CLI, 'serve', '--port', '0'], env({}));
    try {
      const health = await fetch(`${server.url}/ready`);
      expect(health.status).toBe(200);
      const note = server.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'configuration secrets read from Vault');
      expect(note.vault).toEqual({ path: 'secret/data/opendeck', used: ['DATABASE_URL', 'SECRET_KEY'], ignored: ['EXTRA'] });
      const output = server.lines.join('\n');
      expect(output).not.toContain(SECRET_KEY);
      expect(output).not.toContain(database.url);
      expect(output).not.toContain(TOKEN);
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 90_000);
});
