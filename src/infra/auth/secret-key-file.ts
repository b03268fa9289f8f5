import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SECRET_KEY_FILENAME = 'secret.key';

/**
 * Outside production a missing SECRET_KEY is generated once and kept in DATA_DIR (mode 0600), so tokens
 * survive restarts without any setup. Returns the key and whether it was created just now.
 */
export async function loadOrCreateSecretKey(dataDir: string): Promise<{ key: string; file: string; created: boolean }> {
  const file = path.join(dataDir, SECRET_KEY_FILENAME);
  try {
    const key = (await readFile(file, 'utf8')).trim();
    if (key.length >= 32) return { key, file, created: false };
    throw new Error(`${file} holds a key shorter than 32 characters. Delete it to have a new one generated, or set SECRET_KEY.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  // 'wx' fails if another process created the file meanwhile; then use theirs.
  try {
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecretKey(dataDir);
    throw error;
  }
  return { key, file, created: true };
}
