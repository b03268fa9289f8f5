/**
 * `.env` as the specification's development workflow uses it ("copy .env.example to .env"): `opendeck` loads
 * ./.env, or --env-file PATH, before reading the configuration, and a variable already set in the environment
 * wins. Before, nothing loaded it. The file holds the specification's own spellings (ENV=local, LOG_LEVEL=INFO).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config/index.js';
import { spawnServer } from '../support/spawn-server.js';

// Absolute, since the commands run in a directory of their own.
const CLI = ['--import', pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href, path.resolve('src/bin/cli.ts')];
const SECRET_KEY = 'env-file-signing-key-0123456789-abcdefghijkl';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'od-env-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** No configuration variable of the test runner's environment reaches the command (undefined: not passed on). */
const cleanEnvironment = (extra: Record<string, string> = {}) =>
  ({ ...Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, undefined])), ...extra }) as Record<string, string>;

function workdir(name: string, envFile?: string): string {
  const at = path.join(dir, name);
  rmSync(at, { recursive: true, force: true });
  mkdirSync(at, { recursive: true });
  if (envFile !== undefined) writeFileSync(path.join(at, '.env'), envFile);
  return at;
}

const specificationLines = (dataDir: string) =>
  ['ENV=local', 'LOG_LEVEL=INFO', `SECRET_KEY=${SECRET_KEY}`, 'DB_BACKEND=postgres', 'OPENAI_MODEL=gpt-4', `DATA_DIR=${dataDir}`].join(
    '\n',
  );

const runOnce = (args: string[], env: Record<string, string>, cwd: string) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [...CLI, ...args], { env: { ...process.env, ...env }, cwd, timeout: 110_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });

describe('opendeck and .env', () => {
  it('serve loads ./.env from its working directory; the real environment wins over it', async () => {
    const cwd = workdir('dotenv', '');
    writeFileSync(path.join(cwd, '.env'), `${specificationLines(path.join(cwd, 'data'))}\nPORT=not-a-port\n`);
    // A loaded machine can take a minute to migrate a fresh embedded database.
    const server = await spawnServer([...CLI, 'serve'], cleanEnvironment({ PORT: '0' }), 170_000, true, cwd);
    try {
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
      const logs = server.lines.map((line) => JSON.parse(line) as { msg: string; level: string; file?: string });
      expect(logs.find((l) => l.msg.startsWith('environment file loaded'))?.file).toBe(path.join(cwd, '.env'));
      expect(logs.every((l) => l.level !== 'debug')).toBe(true); // LOG_LEVEL=INFO is info
    } finally {
      await server.stop();
    }
  }, 180_000);

  it('a bad value in ./.env stops the command like one in the environment', async () => {
    const cwd = workdir('bad', 'LOG_LEVEL=LOUD\n');
    const run = await runOnce(['migrate'], cleanEnvironment(), cwd);
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('LOG_LEVEL: must be fatal (or critical)');
  }, 120_000);

  it('--env-file PATH loads that file instead, from anywhere', async () => {
    const files = workdir('elsewhere');
    const file = path.join(files, 'offline.env');
    writeFileSync(file, `${specificationLines(path.join(files, 'data'))}\nAI_PROVIDER=offline\nAI_DEFAULT_MAX_CARDS=3\n`);
    const cwd = workdir('other', 'AI_PROVIDER=no-such-provider\n'); // ./.env is not read when a file is named
    const run = await runOnce(['--env-file', file, 'generate', path.resolve('examples/cell-biology.md')], cleanEnvironment(), cwd);
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBeGreaterThan(0);
  }, 120_000);

  it('--env-file naming no file stops with the path', async () => {
    const missing = path.join(dir, 'missing.env');
    const run = await runOnce(['--env-file', missing, 'migrate'], cleanEnvironment(), workdir('none'));
    // Node 20 itself checks a --env-file argument anywhere on the command line (exit 9); later Node leaves it to us (78).
    expect([9, 78]).toContain(run.status);
    expect(run.stderr).toContain(missing);
  }, 120_000);
});
