import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { FileContent, FileStorage } from '../../core/index.js';
import { fileNotFound } from './file-not-found.js';
import { resolveStorageKey } from './storage-key.js';

export interface LocalFileStorageOptions {
  /** Folder that holds every file (STORAGE_PATH, by default DATA_DIR/files). Created if missing. */
  root: string;
  /** fsync each file and its folder before reporting success; on by default, off only for throwaway data. */
  fsync?: boolean;
}

/** The folder for files when STORAGE_PATH is not set. */
export const defaultStorageRoot = (dataDir: string): string => path.join(dataDir, 'files');

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * Files on local disk. Uploaded documents are personal data, so files are readable by the service's user
 * only. Writes go to a temporary file that is renamed into place, so a reader (or a crash) never sees half
 * a file, and concurrent writers of one key leave exactly one of their versions.
 */
export class LocalFileStorage implements FileStorage {
  private readonly root: string;
  private readonly fsync: boolean;
  private realRoot: Promise<string> | undefined;

  constructor(options: LocalFileStorageOptions) {
    this.root = path.resolve(options.root);
    this.fsync = options.fsync ?? true;
  }

  async put(key: string, content: FileContent, _contentType: string): Promise<void> {
    const file = resolveStorageKey(this.root, key);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: DIR_MODE });
    await this.assertInsideRoot(dir);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', FILE_MODE);
      try {
        if (content instanceof Uint8Array) await handle.writeFile(content);
        // A staged file is copied chunk by chunk, never read whole.
        else for await (const chunk of content.chunks()) await handle.write(chunk);
        if (this.fsync) await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    if (this.fsync) await syncDir(dir);
  }

  async get(key: string): Promise<Uint8Array> {
    const file = resolveStorageKey(this.root, key);
    try {
      await this.assertInsideRoot(path.dirname(file));
      const buffer = await readFile(file);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (isMissing(error)) throw fileNotFound();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = resolveStorageKey(this.root, key);
    try {
      await this.assertInsideRoot(path.dirname(file));
      await unlink(file);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  /**
   * The key check is lexical; this catches a symbolic link inside the root that points elsewhere
   * (someone with shell access could plant one), which the lexical check cannot see.
   */
  private async assertInsideRoot(dir: string): Promise<void> {
    this.realRoot ??= mkdir(this.root, { recursive: true, mode: DIR_MODE })
      .then(() => realpath(this.root))
      .catch((error: unknown) => {
        this.realRoot = undefined; // let the next call try again, e.g. once a mount is back
        throw error;
      });
    const root = await this.realRoot;
    const real = await realpath(dir);
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw new Error('Storage key resolves outside the storage root');
    }
  }
}

/** Makes the rename itself durable. Some file systems refuse fsync on a folder; the data is synced anyway. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Not supported here (e.g. some network or Windows file systems): nothing more we can do cheaply.
  } finally {
    await handle.close();
  }
}
