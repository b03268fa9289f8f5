/**
 * An exclusive, cross-process lock on the data directory. PGlite has none of its own, and two processes
 * on one folder silently lose writes, so the embedded database is only opened while holding this lock.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export interface DataDirLock {
  release(): Promise<void>;
}

interface LockOwner {
  pid: number;
  hostname: string;
}

export interface DataDirLockOptions {
  /**
   * A lock untouched this long belongs to a dead process; the holder refreshes it four times as often.
   * Generous by default because a busy event loop (PGlite's first start blocks it for seconds) must not
   * make a live holder look dead.
   */
  staleMs?: number;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

const inUseMessage = (dataDir: string, owner: LockOwner | null): string =>
  owner?.pid === process.pid && owner.hostname === os.hostname()
    ? `The data directory ${dataDir} is already open in this process (pid ${owner.pid}); close that database first.`
    : `The data directory ${dataDir} is already in use by another OpenDeck process` +
      `${owner ? ` (pid ${owner.pid}${owner.hostname === os.hostname() ? '' : ` on ${owner.hostname}`})` : ''}. ` +
      'Stop it, or set DATA_DIR to another folder.';

export async function lockDataDir(dataDir: string, { staleMs = 20_000 }: DataDirLockOptions = {}): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'opendeck.lock');
  const ownerFile = path.join(dataDir, 'opendeck.lock.owner.json');
  const attempt = (retries: number) =>
    lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      stale: staleMs,
      update: staleMs / 4,
      retries: { retries, minTimeout: 1000, maxTimeout: 1000 },
      onCompromised: (error) => {
        // Another process may now be writing the same files: stopping is the only safe answer.
        throw new Error(`Lost the lock on the data directory ${dataDir} (${error.message}); stopping to protect the database.`);
      },
    });

  let release: () => Promise<void>;
  try {
    release = await attempt(0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = await readOwner(ownerFile);
    // A holder that crashed on this machine cannot refresh its lock: wait until the lock goes stale.
    const holderDied = owner !== null && owner.hostname === os.hostname() && !isAlive(owner.pid);
    if (!holderDied) throw new Error(inUseMessage(dataDir, owner));
    try {
      release = await attempt(Math.ceil(staleMs / 1000) + 5);
    } catch {
      throw new Error(inUseMessage(dataDir, await readOwner(ownerFile)));
    }
  }
  const owner: LockOwner = { pid: process.pid, hostname: os.hostname() };
  await writeFile(ownerFile, JSON.stringify(owner));
  return {
    async release() {
      await rm(ownerFile, { force: true });
      await release();
    },
  };
}
