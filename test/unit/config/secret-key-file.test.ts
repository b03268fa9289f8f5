import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSecretKey } from '../../../src/infra/auth/secret-key-file.js';

describe('loadOrCreateSecretKey', () => {
  it('creates a private key file once and reuses it', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'od-key-')), 'nested');
    const first = await loadOrCreateSecretKey(dir);
    expect(first.created).toBe(true);
    expect(first.key.length).toBeGreaterThanOrEqual(32);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateSecretKey(dir);
    expect(second).toMatchObject({ key: first.key, created: false });
  });

  it('refuses a stored key that is too short instead of signing with it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'od-key-'));
    await writeFile(path.join(dir, 'secret.key'), 'short\n');
    await expect(loadOrCreateSecretKey(dir)).rejects.toThrow(/shorter than 32/);
    expect(await readFile(path.join(dir, 'secret.key'), 'utf8')).toBe('short\n');
  });
});
