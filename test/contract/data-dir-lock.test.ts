/**
 * The data directory lock and the migrations folder lookup, without opening a database (cheap).
 * openDatabase's use of the lock against a real second process is in pglite.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/infra/postgres/data-dir-lock.js';
import { findMigrationsFolder } from '../../src/infra/postgres/migrations-folder.js';
import { startScript } from './helpers/run-script.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('data directory lock', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'opendeck-lock-')), 'data');
  });
  afterEach(async () => {
    await rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('creates the directory, records its owner, and releases cleanly for the next holder', async () => {
    const lock = await lockDataDir(dataDir);
    const owner = JSON.parse(await readFile(path.join(dataDir, 'opendeck.lock.owner.json'), 'utf8'));
    expect(owner).toEqual({ pid: process.pid, hostname: os.hostname() });
    await lock.release();
    expect(existsSync(path.join(dataDir, 'opendeck.lock'))).toBe(false);
    await (await lockDataDir(dataDir)).release();
  });

  it('is taken over once the lock of a crashed holder goes stale', async () => {
    const holder = await startScript('./hold-lock.ts', [dataDir], 'locked');
    await expect(lockDataDir(dataDir, { staleMs: 2000 })).rejects.toThrow(`(pid ${holder.pid})`);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const started = Date.now();
    const lock = await lockDataDir(dataDir, { staleMs: 2000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    await lock.release();
  }, 30_000);
});

describe('migrations folder', () => {
  it('is found from the source tree and from the compiled tree', () => {
    const expected = path.join(repoRoot, 'migrations');
    expect(findMigrationsFolder()).toBe(expected);
    const compiled = pathToFileURL(path.join(repoRoot, 'dist/infra/postgres/migrations-folder.js')).href;
    expect(findMigrationsFolder(compiled)).toBe(expected);
  });

  it('names where it looked when there is none', () => {
    expect(() => findMigrationsFolder(pathToFileURL('/tmp/nowhere/module.js').href)).toThrow(
      'No migrations/meta/_journal.json found in any folder above /tmp/nowhere/module.js',
    );
  });
});
