/**
 * Test helpers for Anki packages: open an exported .apkg the way Anki would (unzip, SQLite), edit it as a
 * student would in Anki, zip it again, and build the newer zstd-compressed collection.anki21b by hand.
 */
import { unzipSync, zipSync } from 'fflate';
import initSqlJs, { type Database } from 'sql.js';

export const SQL = await initSqlJs();

export interface OpenedPackage {
  files: Record<string, Uint8Array>;
  db: Database;
}

export function openApkg(bytes: Uint8Array): OpenedPackage {
  const files = unzipSync(bytes);
  return { files, db: new SQL.Database(files['collection.anki21']) };
}

export const query = (db: Database, sql: string, params: (string | number)[] = []): Record<string, any>[] => {
  const statement = db.prepare(sql);
  statement.bind(params);
  const out: Record<string, any>[] = [];
  while (statement.step()) out.push(statement.getAsObject());
  statement.free();
  return out;
};

/** The package again, with its (possibly edited) collection. */
export function rezip(opened: OpenedPackage): Uint8Array {
  return zipSync({ ...opened.files, 'collection.anki21': opened.db.export() });
}

/**
 * A Zstandard frame of raw (stored) blocks: valid zstd that any decoder reads, enough to test the anki21b path
 * on Node 20, which has no zstd compressor.
 */
export function zstdStored(data: Uint8Array): Uint8Array {
  const BLOCK = 128 * 1024;
  const parts: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3];
  const chunks: Uint8Array[] = [Uint8Array.from(parts)];
  for (let offset = 0; offset < data.length || offset === 0; offset += BLOCK) {
    const block = data.subarray(offset, Math.min(offset + BLOCK, data.length));
    const last = offset + BLOCK >= data.length ? 1 : 0;
    const header = (block.length << 3) | (0 << 1) | last;
    chunks.push(Uint8Array.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), block);
    if (data.length === 0) break;
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A small schema-18 collection (as current Anki writes it), zstd-compressed, in a .colpkg-style zip. */
export function anki21bPackage(notes: { guid: string; mod: number; fields: string[] }[], deckName = 'Languages\x1fSpanish'): Uint8Array {
  const db = new SQL.Database();
  db.exec(`
    CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer, dty integer, usn integer, ls integer,
      conf text, models text, decks text, dconf text, tags text);
    INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, '', '', '', '', '');
    CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text, flds text, sfld integer,
      csum integer, flags integer, data text);
    CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer, usn integer, type integer,
      queue integer, due integer, ivl integer, factor integer, reps integer, lapses integer, left integer, odue integer,
      odid integer, flags integer, data text);
    CREATE TABLE notetypes (id integer primary key, name text, mtime_secs integer, usn integer, config blob);
    CREATE TABLE fields (ntid integer, ord integer, name text, config blob, PRIMARY KEY (ntid, ord));
    CREATE TABLE decks (id integer primary key, name text, mtime_secs integer, usn integer, common blob, kind blob);
    INSERT INTO notetypes VALUES (1600000000000, 'Basic', 0, 0, x'');
    INSERT INTO fields VALUES (1600000000000, 0, 'Front', x''), (1600000000000, 1, 'Back', x'');
  `);
  db.run("INSERT INTO decks VALUES (1700000000000, ?, 0, 0, x'', x'')", [deckName]);
  notes.forEach((note, i) => {
    db.run("INSERT INTO notes VALUES (?, ?, 1600000000000, ?, 0, '', ?, ?, 0, 0, '')", [
      i + 1,
      note.guid,
      note.mod,
      note.fields.join('\x1f'),
      note.fields[0]!,
    ]);
    db.run("INSERT INTO cards VALUES (?, ?, 1700000000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')", [i + 1, i + 1]);
  });
  const collection = db.export();
  db.close();
  return zipSync({
    'collection.anki2': new Uint8Array([1, 2, 3]),
    'collection.anki21b': zstdStored(collection),
    media: new Uint8Array(0),
    '0': new Uint8Array([1]),
  });
}
