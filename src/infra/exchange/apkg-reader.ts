/** .apkg / .colpkg in: the zip, the right collection file inside it, and its notes. */
import type { ParsedImport } from '../../core/index.js';
import { readCollection } from './anki-collection-reader.js';
import { notAPackage, openPackage, readEntry, zstdDecompress, PACKAGE_ZIP_LIMITS } from './package-zip.js';
import { loadSqlJs } from './sql-js.js';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Newest first: current Anki writes anki21b and keeps an anki2 that only says "please update Anki". */
const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const;

/** Media files are stored as entries named 0, 1, 2, ... next to the collection. */
function countMedia(has: (name: string) => boolean): number {
  let n = 0;
  while (n < PACKAGE_ZIP_LIMITS.maxEntries && has(String(n))) n += 1;
  return n;
}

/** "Biology::Cell structure" -> category Biology, title Cell structure (the inverse of the export's naming). */
export function splitDeckName(name: string | null): { title: string | null; category: string | null } {
  if (!name || name === 'Default') return { title: null, category: null };
  const parts = name
    .split('::')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return { title: parts[0] ?? null, category: null };
  return { title: parts.at(-1)!, category: parts.slice(0, -1).join('::') };
}

export async function readApkg(bytes: Uint8Array, format: 'apkg' | 'colpkg', maxNotes: number): Promise<ParsedImport> {
  const zip = await openPackage(bytes);
  try {
    const name = COLLECTIONS.find((n) => zip.has(n));
    if (!name) throw notAPackage('it holds no Anki collection (collection.anki21b, .anki21 or .anki2)');
    let collection = await readEntry(zip, name);
    if (name.endsWith('b')) collection = zstdDecompress(collection);
    if (new TextDecoder().decode(collection.subarray(0, 16)) !== SQLITE_MAGIC)
      throw notAPackage('its collection is not an SQLite database');
    const SQL = await loadSqlJs();
    let db: InstanceType<typeof SQL.Database>;
    try {
      db = new SQL.Database(collection);
    } catch {
      throw notAPackage('its collection database is damaged');
    }
    try {
      const { deckTitle, notes, unreadable } = readCollection(db, maxNotes);
      const { title, category } = splitDeckName(deckTitle);
      return { format, deck_title: title, deck_category: category, notes, unreadable, media_ignored: countMedia((n) => zip.has(n)) };
    } catch (error) {
      if (error instanceof Error && error.name === 'CoreError') throw error;
      // sql.js reports a damaged or hostile database as a plain Error ("database disk image is malformed").
      throw notAPackage('its collection database is damaged or is not an Anki collection');
    } finally {
      db.close();
    }
  } finally {
    zip.close();
  }
}
