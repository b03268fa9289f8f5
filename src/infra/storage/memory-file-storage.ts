import { isStagedFile, type FileContent, type FileStorage } from '../../core/index.js';
import { fileNotFound } from './file-not-found.js';
import { readAll } from './read-all.js';
import { assertValidStorageKey } from './storage-key.js';

/** FileStorage for fast tests. Refuses the same keys as the disk version, so tests catch bad keys too. */
export class MemoryFileStorage implements FileStorage {
  private readonly files = new Map<string, { bytes: Uint8Array; contentType: string }>();

  async put(key: string, content: FileContent, contentType: string): Promise<void> {
    assertValidStorageKey(key);
    // Copies on the way in and out: a caller reusing its buffer must not change what is stored.
    const bytes = isStagedFile(content) ? await readAll(content) : content.slice();
    this.files.set(key, { bytes, contentType });
  }

  async get(key: string): Promise<Uint8Array> {
    assertValidStorageKey(key);
    const file = this.files.get(key);
    if (!file) throw fileNotFound();
    return file.bytes.slice();
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    this.files.delete(key);
  }

  /** For tests: how many files are stored. */
  get size(): number {
    return this.files.size;
  }
}
