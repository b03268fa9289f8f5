import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCoreError, type FileStorage, type StagedFile } from '../../../src/core/index.js';

export interface StorageUnderTest {
  storage: FileStorage;
  cleanup(): Promise<void>;
}

const key = (name: string) => `documents/11111111-1111-4111-8111-111111111111/${name}`;

async function notFoundError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
}

export const TRAVERSAL_KEYS = [
  '',
  '/etc/passwd',
  '../outside',
  'documents/../../outside',
  'documents/..',
  'documents/a/../../../x',
  'documents\\a',
  '..\\outside',
  'documents/a\0b',
  'C:/Windows/x',
  'documents//a',
  'documents/./a',
  'documents/a/',
];

/** Every FileStorage must pass this suite; it is what lets tests use the in-memory one in place of disk. */
export function describeFileStorageContract(name: string, create: () => Promise<StorageUnderTest>): void {
  describe(`FileStorage contract: ${name}`, () => {
    let subject: StorageUnderTest;
    let storage: FileStorage;
    beforeEach(async () => {
      subject = await create();
      storage = subject.storage;
    });
    afterEach(async () => subject.cleanup());

    it('round-trips binary bytes, including every byte value', async () => {
      const bytes = new Uint8Array(512).map((_, i) => i % 256);
      await storage.put(key('a'), bytes, 'application/octet-stream');
      expect(await storage.get(key('a'))).toEqual(bytes);
    });

    it('round-trips a 5 MB file exactly', async () => {
      const bytes = new Uint8Array(randomBytes(5 * 1024 * 1024));
      await storage.put(key('big'), bytes, 'application/pdf');
      const back = await storage.get(key('big'));
      expect(back.byteLength).toBe(bytes.byteLength);
      expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);
    });

    it('stores a staged file (an upload spooled to disk) from its chunks, exactly', async () => {
      const bytes = new Uint8Array(randomBytes(3 * 1024 * 1024 + 7));
      const staged: StagedFile = {
        size: bytes.byteLength,
        sha256: 'not checked by storage',
        read: async (offset, length) => bytes.subarray(offset, offset + length),
        async *chunks() {
          for (let at = 0; at < bytes.byteLength; at += 65536) yield bytes.subarray(at, at + 65536);
        },
      };
      await storage.put(key('staged'), staged, 'text/plain');
      expect(Buffer.compare(Buffer.from(await storage.get(key('staged'))), Buffer.from(bytes))).toBe(0);
    });

    it('overwrites a key with the new content', async () => {
      await storage.put(key('o'), new Uint8Array([1, 2, 3]), 'text/plain');
      await storage.put(key('o'), new Uint8Array([9]), 'text/plain');
      expect(await storage.get(key('o'))).toEqual(new Uint8Array([9]));
    });

    it('keeps what it stored when the caller later changes its buffer', async () => {
      const bytes = new Uint8Array([1, 2, 3]);
      await storage.put(key('m'), bytes, 'text/plain');
      bytes[0] = 42;
      expect(await storage.get(key('m'))).toEqual(new Uint8Array([1, 2, 3]));
    });

    it('deletes, and deleting a missing key (twice, or never stored) is fine', async () => {
      await storage.put(key('d'), new Uint8Array([1]), 'text/plain');
      await storage.delete(key('d'));
      await storage.delete(key('d'));
      await storage.delete('documents/nobody/never-stored');
      const error = await notFoundError(storage.get(key('d')));
      expect(isCoreError(error) && error.code).toBe('not_found');
    });

    it('reports a missing key as not_found with a sentence for people', async () => {
      const error = await notFoundError(storage.get('documents/nobody/missing'));
      expect(isCoreError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'not_found', message: 'The file of this document was not found.' });
    });

    it.each(TRAVERSAL_KEYS)('refuses the unsafe key %j on put, get and delete', async (bad) => {
      const bytes = new Uint8Array([1]);
      await expect(storage.put(bad, bytes, 'text/plain')).rejects.toThrow(Error);
      const getError = await notFoundError(storage.get(bad));
      expect(isCoreError(getError)).toBe(false); // a refusal, not a "missing file"
      expect(getError).toBeInstanceOf(Error);
      await expect(storage.delete(bad)).rejects.toThrow(Error);
    });

    it('keeps every file when many puts run at once, and one whole version when they share a key', async () => {
      const versions = Array.from({ length: 20 }, (_, i) => new Uint8Array(64 * 1024).fill(i));
      await Promise.all(versions.map((bytes, i) => storage.put(key(`c${i}`), bytes, 'text/plain')));
      await Promise.all(versions.map((bytes) => storage.put(key('shared'), bytes, 'text/plain')));
      for (const [i, bytes] of versions.entries()) {
        // Buffer.compare, not toEqual: a deep equal over 64 KB arrays takes seconds.
        expect(Buffer.compare(Buffer.from(await storage.get(key(`c${i}`))), Buffer.from(bytes))).toBe(0);
      }
      const shared = await storage.get(key('shared'));
      expect(shared.byteLength).toBe(64 * 1024);
      expect(new Set(shared).size).toBe(1); // never a mix of two writers
    });
  });
}
