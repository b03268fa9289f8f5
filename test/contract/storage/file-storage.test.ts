import { mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalFileStorage, defaultStorageRoot } from '../../../src/infra/storage/local-file-storage.js';
import { MemoryFileStorage } from '../../../src/infra/storage/memory-file-storage.js';
import { describeFileStorageContract } from './file-storage.contract.js';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'opendeck-storage-'));

describeFileStorageContract('in-memory', async () => ({ storage: new MemoryFileStorage(), cleanup: async () => {} }));

describeFileStorageContract('local disk', async () => {
  const dir = await tempDir();
  return { storage: new LocalFileStorage({ root: path.join(dir, 'files') }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('LocalFileStorage on disk', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates folders 0700 and files 0600, and leaves no temporary files behind', async () => {
    dir = await tempDir();
    const root = defaultStorageRoot(dir);
    const storage = new LocalFileStorage({ root });
    await storage.put('documents/u1/d1', new Uint8Array([1, 2]), 'application/pdf');
    expect((await stat(root)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(root, 'documents/u1'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(root, 'documents/u1/d1'))).mode & 0o777).toBe(0o600);
    expect(await readdir(path.join(root, 'documents/u1'))).toEqual(['d1']);
  });

  it('refuses a key that reaches outside the root through a symbolic link', async () => {
    dir = await tempDir();
    const outside = path.join(dir, 'outside');
    const storage = new LocalFileStorage({ root: path.join(dir, 'files') });
    await storage.put('documents/u1/d1', new Uint8Array([1]), 'text/plain');
    await mkdir(outside);
    await symlink(outside, path.join(dir, 'files/documents/evil'));
    await expect(storage.put('documents/evil/x', new Uint8Array([1]), 'text/plain')).rejects.toThrow(/outside/);
    await expect(storage.get('documents/evil/x')).rejects.toThrow(/outside/);
    expect(await readdir(outside)).toEqual([]);
  });
});
