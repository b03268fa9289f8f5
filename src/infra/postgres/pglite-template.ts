/**
 * A pre-initialised embedded database: PGlite's `initdb` plus every migration, made once and kept as a
 * tarball (PGlite's dumpDataDir), so that opening a new DATA_DIR only unpacks files. initdb was most of the
 * first start (9 s and 830 MB RSS on the 2-core machine, against ~2 s and ~300 MB from the tarball).
 *
 * The tarball is named after the PGlite version and the migration files, so a new migration or PGlite makes a
 * new one. It lives in node_modules/.cache/opendeck next to the install (made by `npm run build`), else in the
 * OS temp folder; where neither can be written, each first start builds it in memory and uses it unsaved.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

function templateKey(migrationsFolder: string): string {
  const hash = createHash('sha256');
  const pglite = path.join(path.dirname(migrationsFolder), 'node_modules', '@electric-sql', 'pglite', 'package.json');
  hash.update(existsSync(pglite) ? (JSON.parse(readFileSync(pglite, 'utf8')) as { version: string }).version : 'unknown');
  for (const folder of [migrationsFolder, path.join(migrationsFolder, 'meta')]) {
    for (const name of readdirSync(folder).sort()) {
      if (!name.endsWith('.sql') && name !== '_journal.json') continue;
      hash.update(name).update(readFileSync(path.join(folder, name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Where tarballs are kept, most preferred first. */
function cacheFolders(migrationsFolder: string): string[] {
  const modules = path.join(path.dirname(migrationsFolder), 'node_modules');
  const folders = [path.join(os.tmpdir(), 'opendeck-cache')];
  if (existsSync(modules)) folders.unshift(path.join(modules, '.cache', 'opendeck'));
  return folders;
}

/** initdb and the migrations in memory, analysed, dumped as a gzipped tarball. */
async function buildTemplate(migrationsFolder: string): Promise<Blob> {
  const client = await PGlite.create();
  try {
    await migrate(drizzle({ client }), { migrationsFolder });
    await client.exec('ANALYZE');
    return await client.dumpDataDir('gzip');
  } finally {
    await client.close();
  }
}

/** Saved where it can be (tmp file + rename: a concurrent reader never sees half a tarball). */
async function save(blob: Blob, folders: string[], file: string): Promise<string | null> {
  const bytes = Buffer.from(await blob.arrayBuffer());
  for (const folder of folders) {
    const target = path.join(folder, file);
    const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(partial, bytes);
      await rename(partial, target);
      return target;
    } catch {
      await rm(partial, { force: true }).catch(() => {});
    }
  }
  return null;
}

export interface PgliteTemplate {
  data: Blob;
  /** Where it was read from or saved to; null when it could not be saved. */
  file: string | null;
  built: boolean;
}

/** The tarball for these migrations: read from the cache, else built (and cached). */
export async function pgliteTemplate(migrationsFolder: string): Promise<PgliteTemplate> {
  const file = `pglite-${templateKey(migrationsFolder)}.tar.gz`;
  const folders = cacheFolders(migrationsFolder);
  for (const folder of folders) {
    const candidate = path.join(folder, file);
    try {
      return { data: new Blob([await readFile(candidate)]), file: candidate, built: false };
    } catch {
      // not there (or unreadable): try the next, then build
    }
  }
  const data = await buildTemplate(migrationsFolder);
  return { data, file: await save(data, folders, file), built: true };
}
